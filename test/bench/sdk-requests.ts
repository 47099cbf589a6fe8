// Counts every AWS SDK request made in this process (the handlers'), and the pollers' SQS requests (which do not go
// through the SDK: infra/local/sqs-wire.ts), by service and command, while `counting` is on, except those of the
// clients in `excluded` (the bench's own); `onSend` sees each SDK request sent.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { observeWireRequests } from '#infra/local/sqs-wire';

export interface SdkRequests {
  counts: Map<string, number>;
  /** The same requests by stage (`stageOf` of each request; 'other' where it names none), then by command. */
  byStage: Map<string, Map<string, number>>;
  excluded: WeakSet<object>;
  counting: boolean;
}

export function countSdkRequests(onSend?: (command: object, sent: unknown) => void, stageOf: () => string | undefined = () => undefined): SdkRequests {
  const meter: SdkRequests = { counts: new Map(), byStage: new Map(), excluded: new WeakSet(), counting: false };
  const note = (name: string) => {
    meter.counts.set(name, (meter.counts.get(name) ?? 0) + 1);
    const stage = stageOf() ?? 'other';
    let c = meter.byStage.get(stage);
    if (!c) meter.byStage.set(stage, (c = new Map()));
    c.set(name, (c.get(name) ?? 0) + 1);
  };
  observeWireRequests((operation) => {
    if (meter.counting) note(`sqs ${operation}`);
  });
  for (const [service, proto] of [
    ['dynamodb', DynamoDBClient.prototype],
    ['dynamodb', DynamoDBDocumentClient.prototype],
    ['sqs', SQSClient.prototype],
  ] as const) {
    const original = proto.send as (...args: unknown[]) => unknown;
    (proto as { send: unknown }).send = function (this: object, command: object, ...rest: unknown[]) {
      if (meter.counting && !meter.excluded.has(this)) note(`${service} ${command.constructor.name.replace(/Command$/, '')}`);
      const sent = original.call(this, command, ...rest);
      onSend?.(command, sent);
      return sent;
    };
  }
  return meter;
}
