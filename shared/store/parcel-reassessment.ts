// A second assessment of a version already assessed (a sanctions list update screened it again): recorded only if
// the parcel is still that version, still assessed at it, unchanged since it was read, and not finally decided.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReassessArgs } from '../parcels/rescreen';
import { assessmentValues } from './assessment-values';
import { conditional } from './conditional';

export function parcelReassessments(db: DynamoDBDocumentClient, table: string) {
  return {
    recordReassessment(args: ReassessArgs): Promise<boolean> {
      const response = args.customsResponse;
      return conditional(
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: { itemId: args.itemId },
            UpdateExpression: 'SET assessment = :a, updatedAt = :at, history = list_append(history, :h)' + (response ? ', customsResponse = :r, #status = :code' : ''),
            ConditionExpression: 'version = :v AND assessedVersion = :v AND size(history) = :n AND NOT (#status IN (:detained, :refused))',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ...assessmentValues(args), ':detained': 'DETAINED', ':refused': 'REFUSED' },
          }),
        ),
      );
    },
  };
}
