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

export async function startChildRuntime(opts: { adminKey: string; env?: Record<string, string>; args?: string[]; readyTimeoutMs?: number; port?: number }): Promise<ChildRuntime> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--require', './infra/local/esm-only.cjs', '--import', 'tsx', 'infra/local/main.ts', ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ADMIN_API_KEY: opts.adminKey, POWERTOOLS_LOG_LEVEL: 'ERROR', NODE_NO_WARNINGS: '1', ...opts.env },
    detached: true, // its own process group: stop() can signal everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  let exitSignal: NodeJS.Signals | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exitSignal = signal;
      resolve(code);
    }),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const stop = async (graceMs = 5_000): Promise<number | null> => {
    if (!hasExited && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return exited;
  };

  const kill = async (): Promise<NodeJS.Signals | null> => {
    if (!hasExited && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await exited;
    return exitSignal;
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (hasExited) throw new Error(`the runtime exited before it was ready:\n${out}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`GET /health did not answer 200 within the deadline:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, adminKey: opts.adminKey, output: () => out, stop, kill };
}
