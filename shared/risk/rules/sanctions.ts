// Sanctioned parties: the name and business name of sender and recipient, screened through the
// Screener port. One hit per screened field, for its best match: ten weak aliases of one listed
// party are one reason, not ten. A strong match is critical (DO_NOT_LOAD); a weak one raises the
// score so an officer looks.
import type { SanctionsMatch } from '../types';
import type { Rule } from './context';

const FIELDS = [
  ['sender', 'name'],
  ['sender', 'businessName'],
  ['recipient', 'name'],
  ['recipient', 'businessName'],
] as const;

const MAX_EVIDENCE_MATCHES = 3;

const better = (a: SanctionsMatch, b: SanctionsMatch) =>
  a.strength !== b.strength ? (a.strength === 'strong' ? -1 : 1) : b.score - a.score;

export const sanctionedParties: Rule = (ctx) => {
  for (const [party, field] of FIELDS) {
    const name = ctx.d[party][field];
    if (name === undefined) continue;
    if (field === 'businessName' && name === ctx.d[party].name) continue;
    const matches = ctx.screener.screen(name);
    if (matches.length === 0) continue;
    const sorted = [...matches].sort(better);
    const best = sorted[0]!;
    const strong = best.strength === 'strong';
    ctx.hit(strong ? 'SANCTIONS_STRONG_MATCH' : 'SANCTIONS_WEAK_MATCH', `/${party}/${field}`, `${party} ${field} "${name}" ${strong ? 'matches' : 'resembles'} sanctioned party "${best.listedName}" (${best.programs.join(', ') || 'no program'})`, {
      screenedName: name,
      matches: sorted.slice(0, MAX_EVIDENCE_MATCHES).map((m) => ({ entNum: m.entNum, listedName: m.listedName, matchedAlias: m.matchedAlias ?? null, programs: m.programs, score: m.score, strength: m.strength })),
      totalMatches: matches.length,
    });
  }
};
