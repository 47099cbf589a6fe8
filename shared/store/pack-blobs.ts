// The replay packs' objects (shared/rule-lab/replay-packs.ts): an S3 bucket in AWS, a directory locally (the
// topology's bucket directories, infra/local/runtime.ts). The S3 client is the one s3-list-store.ts uses.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PackBlobs } from '../rule-lab/replay-packs';
import { isNoSuchKey, s3Client, s3Sdk } from './s3-list-store';

/** A directory as the packs' bucket: keys are relative paths; writes go through a temporary file and a rename. */
export function directoryPackBlobs(dir: string): PackBlobs {
  const path = (key: string) => {
    const p = normalize(join(dir, key));
    if (!p.startsWith(normalize(dir + sep))) throw new Error('a pack key leaves the packs directory');
    return p;
  };
  return {
    async get(key) {
      try {
        return await readFile(path(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async put(key, body) {
      const p = path(key);
      await mkdir(dirname(p), { recursive: true });
      const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, p);
    },
    async delete(keys) {
      for (const key of keys) await rm(path(key), { force: true });
    },
  };
}

/** Deletes per request at most (DeleteObjects). */
const DELETE_BATCH = 1000;

/**
 * The bucket. Its readers may list it (infra/topology.ts), so that a missing key answers NoSuchKey rather than
 * AccessDenied: a day without a pack is an answer, not an error.
 */
export function s3PackBlobs(bucket: string, s3: () => S3Client | Promise<S3Client> = s3Client): PackBlobs {
  return {
    async get(key) {
      const [{ GetObjectCommand, NoSuchKey }, c] = await Promise.all([s3Sdk(), s3()]);
      try {
        const out = await c.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      } catch (err) {
        if (isNoSuchKey(err, NoSuchKey)) return undefined;
        throw err;
      }
    },
    async put(key, body) {
      const [{ PutObjectCommand }, c] = await Promise.all([s3Sdk(), s3()]);
      await c.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: key.endsWith('.json') ? 'application/json' : 'application/octet-stream' }));
    },
    async delete(keys) {
      const [{ DeleteObjectsCommand }, c] = await Promise.all([s3Sdk(), s3()]);
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const out = await c.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.slice(i, i + DELETE_BATCH).map((Key) => ({ Key })), Quiet: true } }));
        if (out.Errors?.length) throw new Error(`${out.Errors.length} pack object(s) could not be deleted: ${out.Errors[0]!.Code ?? 'unknown'}`);
      }
    },
  };
}
