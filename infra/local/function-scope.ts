// Each function's own environment, in one process. In Lambda every function is a process of its own: process.env
// holds its bindings and nothing else, and its module-level values are its own. Here the handlers share one Node
// process, so each invocation runs in an AsyncLocalStorage scope of its function (which follows every await, timer
// and callback it starts), and while the runtime runs process.env is a proxy that, inside a scope, reads and writes
// that function's environment only; outside one (the runtime itself, the app's start-up, tests) it is the process's
// own. once() values (shared/util.ts) are kept per scope too, so a value one function built from its binding is never
// handed to a function without it: a missing binding fails here as in Lambda (the wiring's requiredEnv throws).
// Handler code is unchanged. (A function run on a worker thread of its own would get its env from the Worker's `env`
// option instead: the environments come from function-envs.ts either way.)
import { AsyncLocalStorage } from 'node:async_hooks';
import { setInstanceScope } from '#shared/util';
import type { AnyHandler } from './invoke';

/** What Lambda's runtime itself puts in every function's environment besides its configuration (the unreserved ones). */
const PROCESS_VARIABLES = ['PATH', 'LANG', 'TZ', 'HOME', 'TMPDIR', 'NODE_ENV'];

interface Scope {
  name: string;
  env: Record<string, string>;
}

export interface FunctionScopes {
  /** Runs `fn` as the named function: process.env is its environment, once() values are its own. */
  run<T>(name: string, fn: () => T): T;
  /** The handler, each invocation run as the named function (same arity: invoke.ts tells callback handlers by it). */
  wrap(name: string, handler: AnyHandler): AnyHandler;
  /** process.env and the once() scope as they were. Idempotent. */
  uninstall(): void;
}

const storage = new AsyncLocalStorage<Scope>();
let installed = false;

/** A process.env that, inside a function's scope, is that function's environment and nothing more. */
function scopedEnv(real: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const target = (): Record<string, string | undefined> => storage.getStore()?.env ?? real;
  return new Proxy<NodeJS.ProcessEnv>(
    {},
    {
      get: (_, key) => (typeof key === 'string' && Object.hasOwn(target(), key) ? target()[key] : undefined),
      set: (_, key, value) => {
        if (typeof key === 'string') target()[key] = String(value);
        return true;
      },
      deleteProperty: (_, key) => (typeof key === 'string' ? delete target()[key] : true),
      has: (_, key) => typeof key === 'string' && Object.hasOwn(target(), key),
      ownKeys: () => Object.keys(target()),
      getOwnPropertyDescriptor: (_, key) => (typeof key === 'string' && Object.hasOwn(target(), key) ? { value: target()[key], writable: true, enumerable: true, configurable: true } : undefined),
      defineProperty: (_, key, descriptor) => {
        if (typeof key === 'string') target()[key] = String(descriptor.value);
        return true;
      },
    },
  );
}

/** Installs the scopes for these functions (name → environment) until uninstall(): one runtime at a time. */
export function installFunctionScopes(environments: ReadonlyMap<string, Record<string, string>>): FunctionScopes {
  if (installed) throw new Error('function scopes are installed already: one local runtime per process');
  installed = true;
  const real = process.env;
  const scopes = new Map<string, Scope>();
  for (const [name, env] of environments) {
    const inherited = Object.fromEntries(PROCESS_VARIABLES.flatMap((k) => (real[k] === undefined ? [] : [[k, real[k]]])));
    scopes.set(name, { name, env: { ...inherited, ...env } });
  }
  const scopeOf = (name: string): Scope => {
    const scope = scopes.get(name);
    if (!scope) throw new Error(`no function '${name}' in this runtime`);
    return scope;
  };
  process.env = scopedEnv(real);
  setInstanceScope(() => storage.getStore());
  let done = false;
  return {
    run: (name, fn) => storage.run(scopeOf(name), fn),
    wrap(name, handler) {
      const scope = scopeOf(name);
      const wrapped: AnyHandler = (event, context, callback) => storage.run(scope, () => handler(event, context, callback));
      Object.defineProperty(wrapped, 'length', { value: handler.length });
      return wrapped;
    },
    uninstall() {
      if (done) return;
      done = true;
      process.env = real;
      setInstanceScope(() => undefined);
      installed = false;
    },
  };
}
