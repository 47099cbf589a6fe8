// Sanctions list releases in an S3 bucket (AWS): the same keys as the directory store (shared/screening/store.ts).
// In Lambda, @aws-sdk/client-s3 is the runtime's own copy (infra/cdk/pipeline-function.ts: bundled, it would push
// the functions that screen over 1 MB); locally and in the tests it is the pinned one.
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ListStore } from '../screening/store';
import { onReset } from '../util';

let client: S3Client | undefined;
/** The function instance's S3 client (one per instance, dropped on reset). */
export function s3Client(): S3Client {
  if (!client) {
    client = new S3Client({});
    onReset(() => {
      client?.destroy();
      client = undefined;
    });
  }
  return client;
}

export function s3ListStore(bucket: string, s3: () => S3Client = s3Client): ListStore {
  return {
    async read(key) {
      try {
        const out = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return out.Body ? await out.Body.transformToString('utf-8') : '';
      } catch (err) {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw err;
      }
    },
    async write(key, body) {
      await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: key.endsWith('.json') ? 'application/json' : 'text/csv' }));
    },
  };
}
