// `npm run build:console [outDir]`: the console's files as they are deployed (default console/dist), for looking at
// or serving elsewhere. `npm start` and the CDK app build it themselves (infra/site.ts); this is the same build.
import { join, resolve } from 'node:path';
import { buildSite, writeSite } from '../infra/site';
import { topology } from '../infra/topology';

async function main(): Promise<void> {
  for (const site of topology.sites ?? []) {
    const out = resolve(process.argv[2] ?? join(__dirname, '..', site.dir, 'dist'));
    const files = await buildSite(site);
    writeSite(files, out);
    console.log(`${site.name}: ${files.length} files in ${out} (${files.map((f) => `${f.path} ${f.body.length} B`).join(', ')})`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
