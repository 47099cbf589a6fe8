// The embedded services on worker threads of their own: they run beside the main thread (the handlers'), end
// with the runtime, cannot outlive `npm start` when it is killed, and a service thread that dies is reported
// loudly: logged, the runtime stops itself and says why.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime } from '#infra/local/runtime';
import { portIsFree, startChildRuntime } from '#test/helpers/child-runtime';
import { waitFor } from '#test/helpers/wait';
import { testTopology } from './fixtures/topology';

jest.setTimeout(60_000);

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

it('runs dynalite and the SQS emulator on threads of their own, which end when the runtime closes', async () => {
  // prepare
  const rt = await startLocalRuntime({ topology: testTopology, log: memoryLog() });
  const { dynamodb, sqs } = rt.services;
  let closed = false;
  try {
    expect([dynamodb.running(), sqs.running()]).toEqual([true, true]);
    expect(new Set([threadId, dynamodb.threadId, sqs.threadId]).size).toBe(3);
    const before = await dynamodb.cpu();

    // act: work for the DynamoDB thread
    const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: rt.dynamodbEndpoint, credentials });
    for (let i = 0; i < 200; i++) await ddb.send(new ListTablesCommand({}));
    ddb.destroy();

    // assess: the time was spent on its thread's event loop, not on this one
    expect((await dynamodb.cpu()).activeMs).toBeGreaterThan(before.activeMs);
    await rt.close();
    closed = true;
    expect([dynamodb.running(), sqs.running()]).toEqual([false, false]);
    await expect(dynamodb.cpu()).rejects.toThrow(/has stopped/);
  } finally {
    if (!closed) await rt.close();
  }
});

it('stops the runtime loudly when a service thread dies, and a new runtime can start after it', async () => {
  // prepare
  const log = memoryLog();
  const crashes: Error[] = [];
  const rt = await startLocalRuntime({ topology: testTopology, log, onServiceCrash: (e) => crashes.push(e) });
  try {
    expect((await fetch(`${rt.url}/v1/items/special`)).status).toBe(200);

    // act
    rt.services.sqs.crash();

    // assess
    await waitFor(() => crashes.length > 0, 'the crash to be reported');
    expect(crashes[0]!.message).toMatch(/sqs service thread stopped unexpectedly: .*crash requested/);
    expect(rt.failure()).toBe(crashes[0]);
    expect(log.lines.some((l) => l.startsWith('ERROR sqs service thread stopped unexpectedly') && l.includes('crash requested'))).toBe(true);
    expect(log.lines.at(-1)).toBe('stopped');
    expect(rt.services.dynamodb.running()).toBe(false);
    await expect(fetch(`${rt.url}/v1/items/special`)).rejects.toThrow();
  } finally {
    await rt.close();
  }
  const next = await startLocalRuntime({ topology: testTopology, log: memoryLog() });
  await next.close();
});

/** Processes of the process group `pgid` (Linux /proc): what a process started stays in its group, even once orphaned. */
function inGroup(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

it('leaves no service behind when npm start is killed with -9 (threads, not child processes)', async () => {
  // prepare
  const dir = mkdtempSync(join(tmpdir(), 'ead-threads-'));
  const child = await startChildRuntime({ adminKey: 'ead_threads_test_admin_key_0123456789', args: ['--data-dir', dir] });
  try {
    const ports = await waitFor(() => {
      const m = /dynalite on http:\/\/127\.0\.0\.1:(\d+) \(thread \d+\)[\s\S]*local-aws-sqs on http:\/\/127\.0\.0\.1:(\d+) \(thread \d+\)[^\n]*through http:\/\/127\.0\.0\.1:(\d+)/.exec(
        child.output(),
      );
      return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
    }, 'the services to be logged');
    for (const p of ports) expect(await portIsFree(p)).toBe(false);
    // npm start leads its own process group (the helper starts it detached): whatever it started is in it
    const pid = Number(/pid (\d+)/.exec(child.output())?.[1] ?? NaN);
    expect(inGroup(pid)).toContain(pid);

    // act: SIGKILL to the process alone (not its group), as a crash or the OOM killer would
    process.kill(pid, 'SIGKILL');

    // assess
    await waitFor(async () => (await Promise.all(ports.map(portIsFree))).every(Boolean), 'every service port to be free');
    await waitFor(() => inGroup(pid).length === 0, 'no process of its group to be left');
  } finally {
    await child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('runs the services in this thread with serviceThreads: false (the bench compares the two)', async () => {
  const rt = await startLocalRuntime({ topology: testTopology, log: memoryLog(), serviceThreads: false });
  try {
    expect([rt.services.dynamodb.threadId, rt.services.sqs.threadId]).toEqual([threadId, threadId]);
    const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: rt.dynamodbEndpoint, credentials });
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toContain('records');
    ddb.destroy();
  } finally {
    await rt.close();
  }
  expect(rt.services.dynamodb.running()).toBe(false);
});
