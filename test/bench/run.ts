// `npm run bench [section ...]`: prints figures, not pass/fail.
// Each section is a `<name>.bench.ts` module in this folder exporting `run(): Promise<void>`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n## ${name}`);
    const mod = (await import(join(__dirname, file))) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
