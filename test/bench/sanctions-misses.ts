// The variants the sanctions bench misses, per set, with what the screener made of each (the entry's best
// match: score, strength, why it was held weak), and the false strong hits on the common names: to find
// causes, not to report figures. Same probes and seeds as test/bench/sanctions.bench.ts.
//   node --require ./infra/local/esm-only.cjs --import tsx test/bench/sanctions-misses.ts [set ...]
import { readFileSync } from 'node:fs';
import { buildScreener, parseSdnCsv, type SanctionsScreener } from '#shared/risk/sanctions/index';
import { referenceDataPath } from '#shared/reference/files';
import { commonNames, commonNamesInScripts, droppedMiddleNames, falseHits, scriptVariants, typingVariants, type Probe } from '../fixtures/sanctions-quality';

function describe(s: SanctionsScreener, p: Probe): string {
  const ms = s.screen(p.query, { kind: p.kind });
  const m = ms.find((x) => x.entNum === p.entNum);
  const listed = s.entry(p.entNum)!.name;
  const src = p.source !== undefined && p.source !== listed ? ` (from ${p.source})` : '';
  if (m === undefined) return `${p.query}  =>  ${listed}${src}: no match${ms[0] ? `; top ${ms[0].listedName} ${ms[0].score.toFixed(3)}` : ''}`;
  const pairs = (m.tokens ?? []).map((t) => `${t.query}/${t.listed} ${t.similarity.toFixed(2)}`).join(', ');
  return `${p.query}  =>  ${listed}${src}: ${m.strength} ${m.score.toFixed(3)} via ${m.matchedName} [${pairs}]${m.weakBecause ? ` weak: ${m.weakBecause.join(',')}` : ''}`;
}

function main(): void {
  const wanted = process.argv.slice(2);
  const text = readFileSync(referenceDataPath('ofac-sdn-2024-05-03.csv'), 'utf8');
  const entries = parseSdnCsv(text);
  const s = buildScreener({ sdn: text }, { listVersion: '2024-05-03' });
  const byNum = new Map(entries.map((e) => [e.entNum, e]));
  const primaryStrong = new Map<number, boolean>();
  const eligible = (p: Probe) => {
    if (p.kind === 'person' && s.isCommonName(p.query)) return false;
    let ok = primaryStrong.get(p.entNum);
    if (ok === undefined) {
      ok = s.screen(byNum.get(p.entNum)!.name, { kind: p.kind }).some((m) => m.entNum === p.entNum && m.strength === 'strong');
      primaryStrong.set(p.entNum, ok);
    }
    if (!ok || p.source === undefined) return ok;
    // A typing variant of an alias counts only when that alias is strong itself (as the bench counts).
    return s.screen(p.source, { kind: p.kind }).some((m) => m.entNum === p.entNum && m.strength === 'strong');
  };
  const probes = [...typingVariants(entries, 6000, 42), ...droppedMiddleNames(entries, 1000, 7), ...scriptVariants(entries, 300, 11)];
  const sets = [...new Set(probes.map((p) => p.set))].filter((set) => wanted.length === 0 || wanted.includes(set));
  for (const set of sets) {
    const missed = probes.filter((p) => p.set === set && eligible(p) && !s.screen(p.query, { kind: p.kind }).some((m) => m.entNum === p.entNum && m.strength === 'strong'));
    console.log(`\n## ${set}: ${missed.length} missed`);
    for (const p of missed) console.log(`  ${describe(s, p)}`);
  }
  if (wanted.length === 0 || wanted.includes('common')) {
    const f = falseHits(s, commonNames(entries));
    console.log(`\n## common names: ${f.strong} strong, ${f.any} any of ${f.n}`);
    for (const e of f.examples) console.log(`  ${e}`);
    const fs = falseHits(s, commonNamesInScripts(entries, 1000));
    console.log(`\n## common names in scripts: ${fs.strong} strong, ${fs.any} any of ${fs.n}`);
    for (const e of fs.examples) console.log(`  ${e}`);
  }
}

main();
