// What a local runtime started, stopped in reverse order (also when start-up fails half way), and the process
// environment it changed, put back after.
import type { Log } from './log';

export class Stops {
  private readonly stops: { name: string; stop: () => Promise<void> | void }[] = [];
  private readonly savedEnv = new Map<string, string | undefined>();

  constructor(private readonly log: Log) {}

  push(name: string, stop: () => Promise<void> | void): void {
    this.stops.push({ name, stop });
  }

  /** Sets these in process.env (this process's own, outside any function's scope); close() restores what was there. */
  setEnv(vars: Record<string, string>): void {
    for (const [k, v] of Object.entries(vars)) {
      if (!this.savedEnv.has(k)) this.savedEnv.set(k, process.env[k]);
      process.env[k] = v;
    }
  }

  /** Removes a variable until close(). */
  unsetEnv(name: string): void {
    if (!this.savedEnv.has(name)) this.savedEnv.set(name, process.env[name]);
    delete process.env[name];
  }

  /** Everything, last started first; a failing stop is logged and the rest still run. Then the environment. */
  async close(): Promise<void> {
    for (const { name, stop } of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (e) {
        this.log.error(`stopping ${name} failed`, e);
      }
    }
    for (const [k, v] of this.savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    this.savedEnv.clear();
  }
}
