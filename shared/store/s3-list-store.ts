// Sanctions list releases in an S3 bucket (AWS): the same keys as the directory store (shared/screening/store.ts).
// The client is made on first use, in the module that needs it, so only the functions that read lists carry it.
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ListStore } from '../screening/store';
import { onReset } from '../util';

let client: S3Client | undefined;
onReset(() => {
  client?.destroy();
  client = undefined;
});

export function s3ListStore(bucket: string, s3: () => S3Client = () => (client ??= new S3Client({}))): ListStore {
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
