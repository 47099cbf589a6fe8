// `npm run bench [section ...]`: prints figures, not pass/fail.
// Each section is a `<name>.bench.ts` module in this folder exporting `run(): Promise<void>`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Sections that another section's name also runs: `npm run bench -- sanctions` runs the re-screening figures too. */
const ALSO_RUN_BY: Record<string, string[]> = { rescreen: ['sanctions'] };

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    if (wanted.length > 0 && !wanted.includes(name) && !(ALSO_RUN_BY[name] ?? []).some((w) => wanted.includes(w))) continue;
    console.log(`\n## ${name}`);
    const mod = (await import(join(__dirname, file))) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
