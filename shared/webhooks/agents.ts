// Kept-alive connections to webhook endpoints, one pool per vetted address: a socket in a pool was connected to that
// pool's address, so a request that reuses it goes to the address vetted for it (no second resolution, no
// rebinding), as a new connection would. The host name is part of the pool's key too (TLS is verified against it,
// and Node's agent keys its own TLS sessions by it). Before, every attempt opened and closed a connection of its own.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { onReset } from '../util';

/**
 * How long an idle connection is kept: below the usual servers' keep-alive (Node's 5 s, nginx 75 s, ALB 60 s), so
 * an endpoint rarely closes a connection just as it is reused; when it does, the poster sends once more on a new one.
 */
export const IDLE_CONNECTION_MS = 2000;
/** Pools kept at most; the least recently used is dropped (its requests in flight finish, its idle sockets expire). */
const MAX_POOLS = 256;

const pools = new Map<string, HttpAgent>();

export interface PoolKey {
  protocol: string;
  hostname: string;
  address: string;
  port: string;
}

/** The pool of kept-alive connections to one vetted address of one host. */
export function agentFor(k: PoolKey): HttpAgent {
  const key = `${k.protocol}//${k.hostname}@[${k.address}]:${k.port}`;
  let agent = pools.get(key);
  if (agent) pools.delete(key);
  else {
    const options = { keepAlive: true, timeout: IDLE_CONNECTION_MS, scheduling: 'lifo' as const };
    agent = k.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
  }
  pools.set(key, agent); // most recently used last
  if (pools.size > MAX_POOLS) pools.delete(pools.keys().next().value!);
  return agent;
}

/** Closes every pooled connection and forgets the pools (resetOnce(): a local runtime that stops, tests). */
export function closeConnections(): void {
  for (const agent of pools.values()) agent.destroy();
  pools.clear();
}

onReset(closeConnections);
