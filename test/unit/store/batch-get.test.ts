// The one batched read (shared/store/batch-get.ts): keys DynamoDB leaves unprocessed are asked again, and a key it
// never answers is an error, not an absent item. A fake `send` stands in for DynamoDB (its retry logic is pure).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '#shared/store/batch-get';

type Request = { input: { RequestItems: Record<string, { Keys: { id: string }[]; ConsistentRead?: boolean; ProjectionExpression?: string }> } };

/** A table of these ids whose every answer leaves the last `unprocessed(call)` keys of the request unprocessed. */
function fakeDb(ids: Set<string>, unprocessed: (call: number) => number) {
  const requests: Request['input']['RequestItems'][string][] = [];
  const send = async (command: Request) => {
    const asked = command.input.RequestItems.t!;
    requests.push(asked);
    const left = Math.min(unprocessed(requests.length), asked.Keys.length);
    const answered = asked.Keys.slice(0, asked.Keys.length - left);
    const rest = asked.Keys.slice(asked.Keys.length - left);
    return { Responses: { t: answered.filter((k) => ids.has(k.id)).map((k) => ({ ...k, found: true })) }, UnprocessedKeys: rest.length ? { t: { Keys: rest } } : {} };
  };
  return { db: { send } as unknown as DynamoDBDocumentClient, requests };
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `k${i}` }));

describe('batchGetItems', () => {
  it('reads in requests of 100 keys, asks the unprocessed ones again and leaves out only the items that do not exist', async () => {
    const ids = new Set(
      keys(250)
        .map((k) => k.id)
        .filter((id) => id !== 'k7'),
    );
    const { db, requests } = fakeDb(ids, (call) => (call === 1 ? 30 : 0));
    const found = await batchGetItems(db, 't', keys(250), { consistent: true, projection: { ProjectionExpression: '#a', ExpressionAttributeNames: { '#a': 'id' } } });
    expect(found.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(requests.map((r) => r.Keys.length)).toEqual([100, 30, 100, 50]);
    expect(requests.every((r) => r.ConsistentRead === true && r.ProjectionExpression === '#a')).toBe(true);
  });

  it('fails when keys stay unprocessed, rather than reporting those items as absent', async () => {
    const { db, requests } = fakeDb(new Set(['k0', 'k1']), () => 1);
    await expect(batchGetItems(db, 't', keys(2))).rejects.toThrow(/1 key\(s\) still unprocessed after 8 requests/);
    expect(requests).toHaveLength(8);
    expect(requests.every((r) => r.ConsistentRead === undefined)).toBe(true);
  }, 20_000); // the pauses between the 8 requests add up to about 5 s
});
