// Loading handler modules and invoking them the way the Lambda Node.js runtime does:
// with a Context, either promise- or callback-style, and cut off at the function's timeout.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { FunctionDef } from '../topology-types';
import { inStage } from './cpu-meter';

export type AnyHandler = (event: unknown, context: Context, callback: (err?: unknown, result?: unknown) => void) => unknown;

export interface LoadedFunction {
  def: FunctionDef;
  handler: AnyHandler;
}

export interface InvokeEnv {
  region: string;
  accountId: string;
}

/**
 * `require` (not `import()`): it resolves the `.ts` entry through whatever loader runs us —
 * tsx for `npm start`, swc for jest — and jest's module registry then isolates test files.
 */
export function loadFunction(rootDir: string, def: FunctionDef): LoadedFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(rootDir, def.entry)) as Record<string, unknown>;
  const handler = mod[def.handler];
  if (typeof handler !== 'function') throw new Error(`function ${def.name}: ${def.entry} exports no function '${def.handler}'`);
  return { def, handler: handler as AnyHandler };
}

export class InvocationTimeout extends Error {
  constructor(fn: string, seconds: number) {
    super(`function ${fn} timed out after ${seconds} s`);
    this.name = 'InvocationTimeout';
  }
}

export function makeContext(def: FunctionDef, env: InvokeEnv, deadline: number, awsRequestId: string = randomUUID()): Context {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  const unsupported = () => {
    throw new Error('context.done/succeed/fail are not supported: return a value or a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: def.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${env.region}:${env.accountId}:function:${def.name}`,
    memoryLimitInMB: String(def.memoryMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${def.name}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/**
 * Runs a handler to completion or to its timeout (Lambda then reports an error; the handler's
 * remaining work cannot be killed in-process, it just no longer matters). Timer is cleared either way.
 */
export async function invoke(fn: LoadedFunction, event: unknown, env: InvokeEnv, awsRequestId?: string): Promise<unknown> {
  const timeoutMs = fn.def.timeoutSeconds * 1000;
  const context = makeContext(fn.def, env, Date.now() + timeoutMs, awsRequestId);
  let timer: NodeJS.Timeout | undefined;
  const run = new Promise<unknown>((resolve, reject) => {
    const callback = (err?: unknown, result?: unknown) => (err ? reject(err) : resolve(result));
    try {
      const out = inStage(`function:${fn.def.name}`, () => fn.handler(event, context, callback));
      // Async handlers (middy's included) return a promise; a callback-style handler returns undefined
      // and declares 3 parameters. A sync 2-parameter handler's return value is its result.
      if (out && typeof (out as PromiseLike<unknown>).then === 'function') (out as PromiseLike<unknown>).then(resolve, reject);
      else if (fn.handler.length < 3) resolve(out);
    } catch (e) {
      reject(e);
    }
  });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeout(fn.def.name, fn.def.timeoutSeconds)), timeoutMs);
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
