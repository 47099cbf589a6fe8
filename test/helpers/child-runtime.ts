// Starts the local runtime the way a user does (`npm start`, i.e. node + tsx on infra/local/main.ts)
// as a child process in its own process group, waits for GET /health (200 only once the banner is printed),
// and stops it (group included) so its port is free again, gently (stop) or not (kill, as kill -9 does).
// Used by the e2e and fault tests; also usable from a script.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ChildRuntime {
  url: string;
  port: number;
  adminKey: string;
  /** Everything the child printed so far (stdout and stderr), for diagnostics and output assertions. */
  output(): string;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves with the exit code once it has exited. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL to the process group at once (no clean-up of any kind); resolves with the signal once it has exited. */
  kill(): Promise<NodeJS.Signals | null>;
}

/** A port that was free a moment ago (the kernel hands out a fresh one for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once the port accepts no connection (the child has released it). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export interface ChildRuntimeOptions {
  adminKey: string;
  env?: Record<string, string>;
  args?: string[];
  readyTimeoutMs?: number;
  port?: number;
}

/** `npm start` as a child in its own process group (so stop() can signal everything it started). */
function spawnRuntime(port: number, opts: ChildRuntimeOptions): ChildProcess {
  return spawn(process.execPath, ['--max-semi-space-size=32', '--require', './infra/local/esm-only.cjs', '--import', 'tsx', 'infra/local/main.ts', ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ADMIN_API_KEY: opts.adminKey, POWERTOOLS_LOG_LEVEL: 'ERROR', NODE_NO_WARNINGS: '1', ...opts.env },
    detached: true, // its own process group: stop() can signal everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Sends `signal` to the child's process group, if it is still there. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    /* already gone */
  }
}

/** The child's exit, watched from the start: its code (resolved once), whether it came, and its signal. */
function watchExit(child: ChildProcess) {
  const state = { hasExited: false, signal: null as NodeJS.Signals | null };
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      state.signal = signal;
      resolve(code);
    }),
  );
  void exited.then(() => (state.hasExited = true));
  return { exited, state };
}

/** Polls GET /health until 200; throws (after stopping the child) when it exits first or the deadline passes. */
async function waitReady(url: string, readyTimeoutMs: number, hasExited: () => boolean, output: () => string, stop: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (hasExited()) throw new Error(`the runtime exited before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`GET /health did not answer 200 within the deadline:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startChildRuntime(opts: ChildRuntimeOptions): Promise<ChildRuntime> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child = spawnRuntime(port, opts);
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const { exited, state } = watchExit(child);

  const stop = async (graceMs = 5_000): Promise<number | null> => {
    if (!state.hasExited && child.pid !== undefined) {
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return exited;
  };

  const kill = async (): Promise<NodeJS.Signals | null> => {
    if (!state.hasExited && child.pid !== undefined) signalGroup(child, 'SIGKILL');
    await exited;
    return state.signal;
  };

  await waitReady(
    url,
    opts.readyTimeoutMs ?? 30_000,
    () => state.hasExited,
    () => out,
    stop,
  );
  return { url, port, adminKey: opts.adminKey, output: () => out, stop, kill };
}
