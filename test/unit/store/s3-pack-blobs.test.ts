// The S3 adapter of the replay packs, with a stand-in for the client (there is no embedded S3 here; locally the
// bucket is a directory): what it sends (the SDK's real command objects), a missing object as undefined, deletes
// in batches with any error passed on. And the S3 SDK is loaded at its first use, not when a function's modules load:
// requiring it is about 40 ms of every cold start of the functions that hold an S3 adapter (docs/figures.md).
import { execFileSync } from 'node:child_process';
import { DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3PackBlobs } from '#shared/store/pack-blobs';

type Sent = GetObjectCommand | PutObjectCommand | DeleteObjectsCommand;

function fakeS3(objects: Map<string, Uint8Array>, sent: Sent[], failDeletes = false): () => Promise<S3Client> {
  const send = async (cmd: Sent) => {
    sent.push(cmd);
    if (cmd instanceof PutObjectCommand) return void objects.set(cmd.input.Key!, cmd.input.Body as Uint8Array);
    if (cmd instanceof DeleteObjectsCommand) {
      if (failDeletes) return { Errors: [{ Key: cmd.input.Delete!.Objects![0]!.Key, Code: 'AccessDenied' }] };
      for (const o of cmd.input.Delete!.Objects!) objects.delete(o.Key!);
      return {};
    }
    const body = objects.get(cmd.input.Key!);
    if (body === undefined) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: { transformToByteArray: async () => body } };
  };
  return async () => ({ send }) as unknown as S3Client;
}

it('gets what it put, answers undefined for a missing key, and names the bucket, key and content type', async () => {
  const sent: Sent[] = [];
  const blobs = s3PackBlobs('packs-bucket', fakeS3(new Map(), sent));
  expect(await blobs.get('packs/FR/2026-11-30/manifest.json')).toBeUndefined();
  await blobs.put('packs/FR/2026-11-30/manifest.json', Buffer.from('{}'));
  await blobs.put('packs/FR/2026-11-30/1/0000.json.deflate', new Uint8Array([1, 2, 3]));
  expect(Buffer.from((await blobs.get('packs/FR/2026-11-30/1/0000.json.deflate'))!)).toEqual(Buffer.from([1, 2, 3]));
  const puts = sent.filter((c): c is PutObjectCommand => c instanceof PutObjectCommand).map((c) => [c.input.Bucket, c.input.Key, c.input.ContentType]);
  expect(puts).toEqual([
    ['packs-bucket', 'packs/FR/2026-11-30/manifest.json', 'application/json'],
    ['packs-bucket', 'packs/FR/2026-11-30/1/0000.json.deflate', 'application/octet-stream'],
  ]);
});

it('deletes in batches of at most 1,000 keys, and an error of any key fails the delete', async () => {
  const objects = new Map(Array.from({ length: 1500 }, (_, i) => [`k${i}`, new Uint8Array([i % 256])] as const));
  const sent: Sent[] = [];
  await s3PackBlobs('b', fakeS3(objects, sent)).delete([...objects.keys()]);
  expect(objects.size).toBe(0);
  expect(sent.map((c) => (c as DeleteObjectsCommand).input.Delete!.Objects!.length)).toEqual([1000, 500]);
  await expect(s3PackBlobs('b', fakeS3(new Map(), [], true)).delete(['k1'])).rejects.toThrow(/1 pack object\(s\) could not be deleted: AccessDenied/);
});

it('passes on any other error (a denied read is not a missing pack)', async () => {
  const denied = async () => ({ send: async () => Promise.reject(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' })) }) as unknown as S3Client;
  await expect(s3PackBlobs('b', denied).get('packs/FR/2026-11-30/manifest.json')).rejects.toThrow('Access Denied');
});

it('loads the S3 SDK at the first use of an adapter, not when the modules that hold one load', () => {
  // A fresh process, as a cold start is: the wiring of every function that holds an S3 adapter, then a first use.
  const script = `
    const loaded = () => Object.keys(require.cache).some((k) => k.includes('@aws-sdk/client-s3'));
    require('./shared/wiring/rule-lab.ts');
    require('./shared/wiring/risk.ts');
    const before = loaded();
    require('./shared/store/s3-list-store.ts').s3Sdk().then(() => console.log(JSON.stringify({ before, after: loaded() })));
  `;
  const out = execFileSync(process.execPath, ['--require', './infra/local/esm-only.cjs', '--import', 'tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ before: false, after: true });
});
