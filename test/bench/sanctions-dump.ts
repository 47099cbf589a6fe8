// Every screen() result over the sanctions quality fixtures (and the first 3,000 listed names, and the risk bench's
// party names), one JSON line per screening, result cache bypassed: run it on two versions of the screener and compare
// the files with cmp to show a speed change finds exactly what it found before.
//   node --require ./infra/local/esm-only.cjs --import tsx test/bench/sanctions-dump.ts /tmp/after.jsonl
import { readFileSync, writeFileSync } from 'node:fs';
import { referenceDataPath } from '#shared/reference/files';
import { loadDefaultScreener, parseSdnCsv, type PartyKind, SDN_FILE } from '#shared/risk/sanctions/index';
import { commonNames, commonNamesInScripts, droppedMiddleNames, scriptVariants, typingVariants } from '../fixtures/sanctions-quality';

const PARTIES = ['Claire Martin', 'Jonas Becker', 'Lucía Pérez', 'Marco Rossi', 'Anna Kowalska', 'Sophie Dubois', 'Eusebio Arzallus Tapia'];
const SENDERS = ['Muster Versand GmbH', 'Pearl River Gadgets Co., Ltd', 'Chen Jianguo', 'Banco Nacional de Cuba', 'Tom Baker'];

const screener = loadDefaultScreener();
// The entries the screener screens against, in the list's order (the fixtures pick from them by seed).
const entries = parseSdnCsv(readFileSync(referenceDataPath(SDN_FILE), 'utf8')).filter((e) => e.type !== 'vessel' && e.type !== 'aircraft');
const probes = [...typingVariants(entries, 6000, 42), ...droppedMiddleNames(entries, 1000, 7), ...scriptVariants(entries, 300, 11)];
const names: { name: string; kind?: PartyKind }[] = [
  ...commonNames(entries),
  ...commonNamesInScripts(entries, 1000),
  ...probes.map((p) => ({ name: p.query, kind: p.kind })),
  ...entries.slice(0, 3000).map((e) => ({ name: e.name })),
  ...[...PARTIES, ...SENDERS].map((name) => ({ name })),
];
const out: string[] = [];
for (const n of names) for (const kind of n.kind ? [n.kind] : (['person', 'business'] as const)) out.push(JSON.stringify([n.name, kind, screener.screenUncached(n.name, { kind })]));
writeFileSync(process.argv[2] ?? 'sanctions-dump.jsonl', out.join('\n'));
console.log(`${out.length} screenings`);
