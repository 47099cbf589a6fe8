// Structured logs (Powertools Logger): one JSON line per event, never a declaration body
// (declarations carry names, addresses and phone numbers).
import { Logger } from '@aws-lambda-powertools/logger';
import { once } from './util';

/**
 * Each instance's own Logger, built on first use from its environment (service name, log level). In Lambda there is
 * one instance per process; the local runtime runs every function in one process, and once() keeps a value per
 * function there (infra/local/function-scope.ts): so the Lambda context one function's invocation adds
 * (injectLambdaContext) is never on the lines another function writes.
 */
const instanceLogger = once(() => new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ead-pipeline' }));

/** Methods bound to their own Logger, so a call through the proxy runs on it (Logger keeps its state in private fields). */
const bound = new WeakMap<Logger, Map<PropertyKey, unknown>>();

/** The logger handlers and the shared code import: every call goes to the current instance's Logger. */
export const logger: Logger = new Proxy({} as Logger, {
  get(_, key) {
    const target = instanceLogger();
    const value: unknown = Reflect.get(target, key, target);
    if (typeof value !== 'function') return value;
    let methods = bound.get(target);
    if (!methods) bound.set(target, (methods = new Map<PropertyKey, unknown>()));
    let method = methods.get(key);
    if (!method) methods.set(key, (method = (value as (...args: unknown[]) => unknown).bind(target)));
    return method;
  },
  set: (_, key, value) => Reflect.set(instanceLogger(), key, value),
  has: (_, key) => Reflect.has(instanceLogger(), key),
});
