// The embedded, protocol-compatible AWS services: dynalite (DynamoDB) and local-aws-sqs (SQS).
// Both run inside this Node process and listen on a free loopback port, so several runtimes
// (or test files) never fight over a fixed port, and nothing is reachable from the network.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { createSqsServer } from 'local-aws-sqs';

export interface RunningService {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Closes a server and the keep-alive sockets the AWS SDK holds open on it, so the port is free at once. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // close() alone waits for every keep-alive connection to go idle and time out.
    server.closeAllConnections();
  });
}

/**
 * How long an idle keep-alive connection stays open (Node's default is 5 s). The SDK's agents keep their sockets with
 * no idle limit of their own, so with the default a socket the server closes after 5 s idle can be picked for the next
 * request just as its FIN arrives (more likely while the event loop is busy): the request fails with ECONNRESET
 * ("socket hang up"), and a burst of them exhausts the SDK's retry quota, so whole batches of messages failed and
 * waited out their visibility timeout (seen on the assess stage at the start of the e2e bench). Longer than any
 * pause between requests of a running pipeline; `closeServer` still closes every connection at once.
 */
const IDLE_KEEP_ALIVE_MS = 10 * 60_000;

/** The server's keep-alive settings for the runtime's own loopback clients. */
export function keepIdleConnections(server: Server): Server {
  server.keepAliveTimeout = IDLE_KEEP_ALIVE_MS;
  return server;
}

function endpointOf(server: Server): string {
  const { port } = server.address() as AddressInfo;
  return `http://${HOST}:${port}`;
}

/**
 * DynamoDB. In memory unless `dataDir` is given; then LevelDB files under `<dataDir>/dynamodb`
 * keep tables and items across restarts. Tables are ACTIVE at once (createTableMs: 0):
 * the 500 ms default only slows start-up without telling us anything.
 */
export async function startDynamoDb(options: { dataDir?: string } = {}): Promise<RunningService> {
  let path: string | undefined;
  if (options.dataDir) {
    path = join(options.dataDir, 'dynamodb');
    mkdirSync(path, { recursive: true });
  }
  const server = keepIdleConnections(dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    endpoint: endpointOf(server),
    // dynalite's close() also closes its LevelDB store (it waits for pending writes first).
    close: () => closeServer(server),
  };
}

/**
 * SQS. In memory (local-aws-sqs has no persistence; with a data dir the runtime puts the journal of
 * sqs-journal.ts in front of it). `hostname` is both where it listens
 * and the host in the queue URLs it hands out, so the URLs point back at this loopback port.
 * `emulateQueueCreationLifecycle: false`: otherwise a queue deleted and re-created within 60 s
 * (a restarted test) is refused, as in AWS.
 */
export async function startSqs(options: { region: string; accountId: string }): Promise<RunningService> {
  const server = await createSqsServer({
    port: 0,
    hostname: HOST,
    region: options.region,
    accountId: options.accountId,
    emulateQueueCreationLifecycle: false,
    emulateLazyQueues: false,
    validateDlqDestination: true,
  });
  keepIdleConnections(server);
  return { endpoint: endpointOf(server), close: () => closeServer(server) };
}
