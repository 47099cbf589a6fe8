// The runtime's own log: one line per started part and per error. Never request or message
// bodies: they carry personal data (names, addresses) of parcel senders and recipients.
export interface Log {
  info(line: string): void;
  error(line: string, err?: unknown): void;
}

const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err));

/** Info to stdout, errors (with stack) to stderr, each prefixed so they stand apart from handler output. */
export const consoleLog: Log = {
  info: (line) => console.log(`[local] ${line}`),
  error: (line, err) => console.error(`[local] ERROR ${line}${err === undefined ? '' : `: ${describe(err)}`}`),
};

/** A Log that keeps lines in memory, for tests. */
export function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (line) => lines.push(line),
    error: (line, err) => lines.push(`ERROR ${line}${err === undefined ? '' : `: ${describe(err)}`}`),
  };
}
