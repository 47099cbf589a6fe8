// Sanctioned parties: the name and business name of sender and recipient, screened through the Screener
// port, then decided by the region's policy (config `sanctions`): a strong name match corroborated by the
// list entry (an identifier, a country, an entity matched by a business name) is confirmed (critical:
// DO_NOT_LOAD); a strong name match alone is possible (held for review); a weak one scores. One hit per
// screened field, for its best match: ten weak aliases of one listed party are one reason, not ten.
import type { Declaration } from '#shared/ead/schema';
import type { RulesConfig } from '../config/schema';
import { bestCorroboration, corroborate, type CorroborationCheck, type PartyFacts } from '../sanctions/corroborate';
import { LEGAL_WORDS, nameTokens } from '../sanctions/normalise';
import type { RuleId, SanctionsMatch, SanctionsRuleId } from '../types';
import type { Rule, RuleContext } from './context';

const FIELDS = [
  ['sender', 'name'],
  ['sender', 'businessName'],
  ['recipient', 'name'],
  ['recipient', 'businessName'],
] as const;

const MAX_EVIDENCE_MATCHES = 3;
type Policy = RulesConfig['sanctions'];

const businessWords = new WeakMap<Policy, ReadonlySet<string>>();
function isBusinessName(name: string, policy: Policy): boolean {
  let words = businessWords.get(policy);
  if (words === undefined) {
    words = new Set(policy.businessWords.flatMap((w) => nameTokens(w)));
    businessWords.set(policy, words);
  }
  const set = words;
  return nameTokens(name).some((t) => LEGAL_WORDS.has(t) || set.has(t));
}

interface Judged {
  match: SanctionsMatch;
  checks: CorroborationCheck[];
  outcome: SanctionsRuleId | 'NONE';
}

/** Critical first, then points: which of two outcomes weighs more. */
function weight(ctx: RuleContext, outcome: SanctionsRuleId | 'NONE'): number {
  if (outcome === 'NONE') return -1;
  const r = ctx.rules.config.rules[outcome];
  return (r.critical ? 10_000 : 0) + r.points;
}

function judge(ctx: RuleContext, party: PartyFacts, m: SanctionsMatch): Judged {
  const policy = ctx.rules.config.sanctions;
  const checks = corroborate(party, m.entryType, m.details, policy);
  const outcome = policy.decisions[m.strength][bestCorroboration(checks)];
  return { match: m, checks, outcome };
}

function partyFacts(d: Declaration, party: 'sender' | 'recipient', business: boolean): PartyFacts {
  const p = d[party];
  return { pointer: `/${party}`, countryCode: p.address.countryCode, taxId: p.taxId, email: p.email, phone: p.phone, ioss: party === 'sender' ? d.ioss : undefined, business };
}

const evidenceOf = (j: Judged) => ({
  entNum: j.match.entNum,
  listedName: j.match.listedName,
  entryType: j.match.entryType ?? null,
  programs: j.match.programs,
  matchedName: j.match.matchedName ?? j.match.matchedAlias ?? j.match.listedName,
  matchedAlias: j.match.matchedAlias ?? null,
  matchedForm: j.match.matchedForm ?? null,
  tokens: j.match.tokens ?? [],
  score: j.match.score,
  strength: j.match.strength,
  weakBecause: j.match.weakBecause ?? [],
  corroboration: { found: j.checks.filter((c) => c.found), missing: j.checks.filter((c) => !c.found) },
  decision: j.outcome,
});

function message(party: string, field: string, name: string, j: Judged, ruleId: RuleId): string {
  const who = `${party} ${field} "${name}"`;
  const listed = `sanctioned party "${j.match.listedName}" (${j.match.programs.join(', ') || 'no program'})`;
  if (ruleId === 'SANCTIONS_CONFIRMED_MATCH') {
    const by = j.checks.filter((c) => c.found).map((c) => (c.kind === 'entity' ? 'an entity matched by its business name' : `${c.field} ${c.declared}`));
    return `${who} matches ${listed}, corroborated by ${by.join(', ')}`;
  }
  if (ruleId === 'SANCTIONS_POSSIBLE_MATCH') return `${who} matches ${listed} on the name alone: an officer reviews it`;
  return `${who} resembles ${listed}`;
}

export const sanctionedParties: Rule = (ctx) => {
  const policy = ctx.rules.config.sanctions;
  for (const [party, field] of FIELDS) {
    const name = ctx.d[party][field];
    if (name === undefined) continue;
    if (field === 'businessName' && name === ctx.d[party].name) continue;
    const business = field === 'businessName' || isBusinessName(name, policy);
    const matches = ctx.screener.screen(name, { kind: business ? 'business' : 'person' });
    if (matches.length === 0) continue;
    const facts = partyFacts(ctx.d, party, business);
    const judged = matches.map((m) => judge(ctx, facts, m)).sort((a, b) => weight(ctx, b.outcome) - weight(ctx, a.outcome) || b.match.score - a.match.score);
    const best = judged[0]!;
    if (best.outcome === 'NONE') continue;
    const first = matches[0]!;
    ctx.hit(best.outcome, `/${party}/${field}`, message(party, field, name, best, best.outcome), {
      screenedName: name,
      partyKind: business ? 'business' : 'person',
      list: first.list ?? null,
      listVersion: first.listVersion ?? null,
      matches: judged.slice(0, MAX_EVIDENCE_MATCHES).map(evidenceOf),
      totalMatches: matches.length,
    });
  }
};
