// A second assessment of a version already assessed (a sanctions list update screened it again): recorded only if
// the parcel is still that version, still assessed at it, unchanged since it was read, and not finally decided.
// The document is rewritten from the parcel as the caller read it (or as stored now), like every write that extends
// a parcel (parcel-item.ts).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Parcel } from '../parcels/parcel';
import type { ReassessArgs } from '../parcels/rescreen';
import { conditional } from './conditional';
import { decodeParcelItem, extension } from './parcel-item';
import { ATTR } from './parcel-table';

export function parcelReassessments(db: DynamoDBDocumentClient, table: string) {
  const read = async (itemId: string): Promise<Parcel | undefined> => {
    const out = await db.send(new GetCommand({ TableName: table, Key: { itemId }, ConsistentRead: true }));
    return out.Item ? decodeParcelItem(out.Item).parcel : undefined;
  };
  return {
    async recordReassessment(args: ReassessArgs): Promise<boolean> {
      const base = args.parcel ?? (await read(args.itemId));
      if (!base || base.history.length !== args.historyLength) return false;
      const response = args.customsResponse;
      const x = extension(base, { history: args.history, updatedAt: args.assessment.assessedAt, assessment: args.assessment, customsResponse: response });
      return conditional(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: { itemId: args.itemId },
            UpdateExpression: `SET ${x.set}` + (response ? ', #status = :code' : '') + ` REMOVE ${x.remove}`,
            ConditionExpression: `version = :v AND #av = :v AND ${x.condition} AND NOT (#status IN (:detained, :refused))`,
            ExpressionAttributeNames: { ...x.names, '#status': 'status', '#av': ATTR.assessedVersion },
            ExpressionAttributeValues: { ...x.values, ':v': args.version, ':detained': 'DETAINED', ':refused': 'REFUSED', ...(response ? { ':code': response.code } : {}) },
          }),
        ),
      );
    },
  };
}
