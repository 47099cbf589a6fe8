// The list stores. The S3 one's own logic, with a stand-in for the client (there is no embedded S3 here; locally and in the
// integration tests the bucket is a directory): a missing object is undefined, a body is read as text, a put names
// the content type. The requests are the SDK's real command objects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { directoryListStore } from '#shared/screening/store';
import { s3ListStore } from '#shared/store/s3-list-store';

function fakeS3(objects: Map<string, string>, sent: unknown[]): () => S3Client {
  const send = async (cmd: GetObjectCommand | PutObjectCommand) => {
    sent.push(cmd);
    if (cmd instanceof PutObjectCommand) return void objects.set(cmd.input.Key!, String(cmd.input.Body as string));
    const body = objects.get(cmd.input.Key!);
    if (body === undefined) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: { transformToString: async () => body } };
  };
  return () => ({ send }) as unknown as S3Client;
}

it('reads what it wrote, answers undefined for a missing key, and sends the bucket, key and content type', async () => {
  const sent: unknown[] = [];
  const store = s3ListStore('lists-bucket', fakeS3(new Map(), sent));

  expect(await store.read('active.json')).toBeUndefined();
  await store.write('active.json', '{"listVersion":"sdn-1"}');
  await store.write('releases/sdn-1/sdn.csv', '7182,"A"');

  expect(await store.read('active.json')).toBe('{"listVersion":"sdn-1"}');
  const puts = sent.filter((c): c is PutObjectCommand => c instanceof PutObjectCommand).map((c) => c.input);
  expect(puts).toEqual([
    { Bucket: 'lists-bucket', Key: 'active.json', Body: '{"listVersion":"sdn-1"}', ContentType: 'application/json' },
    { Bucket: 'lists-bucket', Key: 'releases/sdn-1/sdn.csv', Body: '7182,"A"', ContentType: 'text/csv' },
  ]);
  expect(sent.filter((c) => c instanceof GetObjectCommand).map((c) => (c as GetObjectCommand).input)).toEqual([
    { Bucket: 'lists-bucket', Key: 'active.json' },
    { Bucket: 'lists-bucket', Key: 'active.json' },
  ]);
});

it('passes on any other error (a denied read is not an absent list)', async () => {
  const denied = () => ({ send: async () => Promise.reject(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' })) }) as unknown as S3Client;
  await expect(s3ListStore('b', denied).read('active.json')).rejects.toThrow('Access Denied');
});

describe('the directory list store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lists-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what it wrote, undefined when absent, and no key may leave its directory', async () => {
    const store = directoryListStore(join(dir, 'a'));
    expect(await store.read('incoming/sdn.csv')).toBeUndefined();
    await store.write('releases/v1/sdn.csv', 'x');
    expect(await store.read('releases/v1/sdn.csv')).toBe('x');
    await expect(store.write('../ab/sdn.csv', 'y')).rejects.toThrow(/leaves the list directory/);
    await expect(store.read('../../etc/passwd')).rejects.toThrow(/leaves the list directory/);
  });
});
