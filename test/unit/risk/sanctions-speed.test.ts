// The machinery that makes screening fast must not change what it finds: the hashed deletion keys
// (deletion-keys.ts), the sparse assignment (scoring.ts sparseAssignmentScore), and the result cache
// (screen-cache.ts). The index against the linear scan over the list is in sanctions.test.ts.
import fc from 'fast-check';
import { DeletionKeys, deletionHashes, keyHash } from '#shared/risk/sanctions/deletion-keys';
import { assignmentScore, sparseAssignmentScore } from '#shared/risk/sanctions/scoring';
import { ScreenCache } from '#shared/risk/sanctions/screen-cache';
import { listEntry, loadDefaultScreener, SanctionsScreener } from '#shared/risk/sanctions/index';
import { generateVariants, innocentNames } from '#test/fixtures/sanctions-variants';
import { parseSdnCsv } from '#shared/risk/sanctions/index';
import { nameTokenForms, nameTokens } from '#shared/risk/sanctions/normalise';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const deleteAt = (t: string, d: number) => t.slice(0, d) + t.slice(d + 1);

describe('deletion keys by hash', () => {
  it("hashes each deletion as keyHash hashes the deleted string, for any token (other scripts' code units included)", () => {
    fc.assert(
      fc.property(
        fc.string({
          minLength: 1,
          maxLength: 40,
          unit: fc.oneof(
            fc.constantFrom(...'abcdeilmnorsuzy'),
            fc.integer({ min: 1, max: 0xffff }).map((c) => String.fromCharCode(c)),
          ),
        }),
        (t) => {
          const h = deletionHashes(t);
          for (let d = 0; d < t.length; d++) expect([t, d, h[d]]).toEqual([t, d, keyHash(deleteAt(t, d))]);
        },
      ),
      { numRuns: 500 },
    );
    // A long token grows the buffers, and a short one after it still reads its own hashes.
    const long = 'x'.repeat(300) + 'y';
    expect(deletionHashes(long)[300]).toBe(keyHash('x'.repeat(300)));
    expect(deletionHashes('ab')[0]).toBe(keyHash('b'));
  });

  it('finds, under every key, every token that has the key (a colliding key may add others, never drop one)', () => {
    const vocab = ['martin', 'marin', 'martina', 'mart', 'ali', 'al', 'la', 'a', 'aab', 'ab', 'ba'];
    const keysOf = (v: number) => [vocab[v]!, ...(vocab[v]!.length < 2 ? [] : [...vocab[v]!].map((_, d) => deleteAt(vocab[v]!, d)))];
    const keys = new DeletionKeys(vocab.length, keysOf);
    const expected = new Map<string, Set<number>>();
    vocab.forEach((_, v) => keysOf(v).forEach((k) => expected.set(k, (expected.get(k) ?? new Set()).add(v))));
    for (const [k, ids] of expected) expect([k, [...ids].every((v) => keys.get(k)!.includes(v))]).toEqual([k, true]);
    expect(keys.get('zzz')).toBeUndefined();
    // "aab" less either a is "ab": listed once under it.
    expect([...keys.get('ab')!].filter((v) => v === vocab.indexOf('aab'))).toHaveLength(1);
  });
});

describe('sparseAssignmentScore', () => {
  it('scores exactly what assignmentScore scores, ties and all', () => {
    // Similarities from a small set, so that ties (which the greedy order must break alike) are frequent.
    const sim = fc.constantFrom(0, 0, 0, 0.7, 0.8, 0.92, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(sim, { minLength: 36, maxLength: 36 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 12, maxLength: 12 }),
        (nq, nl, cells, weights) => {
          const sims = Float64Array.from(cells.slice(0, nq * nl));
          const qWeight = Float64Array.from(weights.slice(0, nq));
          const lWeight = Float64Array.from(weights.slice(6, 6 + nl));
          const totalQ = qWeight.reduce((a, b) => a + b, 0);
          const totalL = lWeight.reduce((a, b) => a + b, 0);
          const dense = assignmentScore(sims, nq, nl, qWeight, lWeight, totalQ, totalL);
          const pq = new Int32Array(36);
          const pl = new Int32Array(36);
          const pw = new Float64Array(36);
          const ps = new Float64Array(36);
          let count = 0;
          // Listed-major, as the index reads them: not the order assignmentScore scans.
          for (let j = nl - 1; j >= 0; j--)
            for (let i = 0; i < nq; i++)
              if (sims[i * nl + j]! > 0) {
                pq[count] = i;
                pl[count] = j;
                pw[count] = lWeight[j]!;
                ps[count++] = sims[i * nl + j]!;
              }
          expect(sparseAssignmentScore(pq, pl, pw, ps, count, qWeight, totalQ, totalL)).toBe(dense);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('the result cache', () => {
  it('keeps the most recently used names, up to its capacity', () => {
    const cache = new ScreenCache(2);
    let computed = 0;
    const screen = (name: string) => cache.screen(name, 'person', () => (computed++, []));
    screen('a');
    screen('b');
    screen('a');
    screen('c'); // evicts b, the least recently used
    expect(cache.size).toBe(2);
    screen('a');
    expect(computed).toBe(3);
    screen('b');
    expect(computed).toBe(4);
    // The kind is part of the key; a name longer than any name screened is not kept.
    cache.screen('a', 'business', () => (computed++, []));
    cache.screen('a', undefined, () => (computed++, []));
    expect(computed).toBe(6);
    cache.screen('x'.repeat(300), 'person', () => (computed++, []));
    cache.screen('x'.repeat(300), 'person', () => (computed++, []));
    expect(computed).toBe(8);
  });

  it('returns what screening without it returns, frozen', () => {
    const entries = parseSdnCsv(readFileSync(join(__dirname, '../../../shared/reference/data/ofac-sdn-2024-05-03.csv'), 'utf8'));
    const screener = loadDefaultScreener();
    const names = [...generateVariants(entries, 100, 99).map((v) => v.query), ...innocentNames(entries).filter((_, i) => i % 100 === 0)];
    for (const kind of [undefined, 'person', 'business'] as const)
      for (const n of names) {
        const first = screener.screen(n, { kind });
        expect([n, first]).toEqual([n, screener.screenUncached(n, { kind })]);
        expect(screener.screen(n, { kind })).toBe(first);
        expect(Object.isFrozen(first)).toBe(true);
        for (const m of first) expect(Object.isFrozen(m) && Object.isFrozen(m.tokens) && m.tokens!.every((t) => Object.isFrozen(t))).toBe(true);
      }
  });

  it('can be switched off', () => {
    const small = new SanctionsScreener([listEntry({ entNum: 1, name: 'ANSARU', type: 'entity' })], { resultCache: 0 });
    const a = small.screen('Ansaru');
    expect(a).toHaveLength(1);
    expect(small.screen('Ansaru')).not.toBe(a);
    expect(small.screen('Ansaru')).toEqual(a);
  });
});

describe('name tokens of ASCII names (normalise.ts fast path)', () => {
  const ascii = fc.string({
    maxLength: 200,
    unit: fc.oneof(
      fc.constantFrom(..."abcXYZ019 .,'`-&/_()"),
      fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
    ),
  });

  it('are what the full fold gives: the name with a no-break space added (not ASCII, NFKD makes it a space) has the same tokens', () => {
    fc.assert(
      fc.property(ascii, (name) => {
        expect(nameTokens(name)).toEqual(nameTokens(`${name}\u00a0`));
        expect(nameTokens(name, false)).toEqual(nameTokens(`\u00a0${name}`, false));
      }),
      { numRuns: 2000 },
    );
  });

  it('are sorted as Array.prototype.sort sorts them, the same whether the name was just read or not', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), ascii, (other, name) => {
        const first = nameTokens(name);
        nameTokens(other);
        expect(nameTokenForms(name)[1]).toEqual(first);
        expect(first).toEqual([...first].sort());
      }),
      { numRuns: 1000 },
    );
  });
});
