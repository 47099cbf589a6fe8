// The webhook poster's budget is the endpoint's time, not this process's: a healthy endpoint that answers at once
// is not timed out because this process's event loop was busy (as under load locally, where every function shares
// one), and an endpoint that does not answer still is. The receivers run on a thread of their own, so they answer
// while this thread is blocked.
import { Worker } from 'node:worker_threads';
import { httpPoster } from '#shared/webhooks/http';

jest.setTimeout(30_000);

/** Two receivers on one thread: /ok answers 204 at once, /hang never answers. */
const RECEIVER = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = createServer((req, res) => {
  req.resume();
  if (req.url === '/ok') req.on('end', () => res.writeHead(204).end());
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

let worker: Worker;
let base: string;

beforeAll(async () => {
  worker = new Worker(RECEIVER, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.postMessage('stop');
  await exited;
});

const post = httpPoster({ policy: { allowLoopback: true }, timeoutMs: 15_000 });

/** Resolves once the work already queued (promise reactions, ready I/O) has run. */
const afterPendingWork = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Keeps this thread busy for `ms` (synchronous work, as a handler's CPU-heavy step is). */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* spin */
  }
}

describe('the webhook poster under a busy event loop', () => {
  it('does not time out an endpoint that answered at once while this thread was busy longer than the budget', async () => {
    const answer = post(`${base}/ok`, '{}', {}, 1000);
    await afterPendingWork(); // the URL vetted, the request made (not written yet: connecting takes a turn of the loop)
    // This thread is busy for 1.5 budgets: by the clock the budget is over before the request is even written.
    busy(1500);
    expect(await answer).toMatchObject({ statusCode: 204 });
    expect((await answer).timedOut).toBeUndefined();
  });

  it('still times out an endpoint that does not answer, and says so', async () => {
    const answer = post(`${base}/hang`, '{}', {}, 300);
    await afterPendingWork();
    busy(450);
    expect(await answer).toMatchObject({ timedOut: true, error: 'timeout: no complete answer within 300 ms' });
  });
});
