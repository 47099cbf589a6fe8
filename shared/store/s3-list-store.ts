// Sanctions list releases in an S3 bucket (AWS): the same keys as the directory store (shared/screening/store.ts).
// In Lambda, @aws-sdk/client-s3 is the runtime's own copy (infra/cdk/pipeline-function.ts: bundled, it would push
// the functions that screen over 1 MB); locally and in the tests it is the pinned one.
import type { S3Client } from '@aws-sdk/client-s3';
import type { ListStore } from '../screening/store';
import { onReset } from '../util';

/**
 * The S3 SDK, loaded at its first use rather than at start-up: requiring it is about 40 ms of a cold start
 * (docs/figures.md), which the functions that hold an S3 adapter but seldom or never call it on a request (ingest,
 * api, rule-lab) no longer pay. Those that read S3 on every cold start (assess: the sanctions list) pay it at their
 * first use instead.
 */
let sdk: Promise<typeof import('@aws-sdk/client-s3')> | undefined;
export const s3Sdk = (): Promise<typeof import('@aws-sdk/client-s3')> => (sdk ??= import('@aws-sdk/client-s3'));

let client: Promise<S3Client> | undefined;
/** The function instance's S3 client (one per instance, dropped on reset). */
export function s3Client(): Promise<S3Client> {
  if (!client) {
    client = s3Sdk().then(({ S3Client }) => new S3Client({}));
    onReset(() => {
      void client?.then((c) => c.destroy());
      client = undefined;
    });
  }
  return client;
}

/** A missing object: NoSuchKey, by class or by name (a client of another copy of the SDK). */
export const isNoSuchKey = (err: unknown, NoSuchKey: abstract new (...a: never[]) => unknown): boolean => err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey';

export function s3ListStore(bucket: string, s3: () => S3Client | Promise<S3Client> = s3Client): ListStore {
  return {
    async read(key) {
      const [{ GetObjectCommand, NoSuchKey }, c] = await Promise.all([s3Sdk(), s3()]);
      try {
        const out = await c.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return out.Body ? await out.Body.transformToString('utf-8') : '';
      } catch (err) {
        if (isNoSuchKey(err, NoSuchKey)) return undefined;
        throw err;
      }
    },
    async write(key, body) {
      const [{ PutObjectCommand }, c] = await Promise.all([s3Sdk(), s3()]);
      await c.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: key.endsWith('.json') ? 'application/json' : 'text/csv' }));
    },
  };
}
