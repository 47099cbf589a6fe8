// POST /v1/rule-lab/replays: the request, who may ask for which destination, and the candidate ruleset it names
// (a full document, validated by the schema the engine loads, or a version the RulesetSource knows).
import * as z from 'zod';
import type { Principal } from '../auth/principal';
import type { ValidationError } from '../ead/errors';
import { CountryCode } from '../ead/schema';
import { validateWith } from '../ead/validate';
import { type RulesConfig, RulesConfigSchema } from '../risk/config/schema';

/** Ruleset lookup by version. On this branch: the region's shipped ruleset only; the rulesets store plugs in here. */
import type { RulesetSource } from './rulesets';
export type { RulesetSource };

/** The longest period one replay covers: a quarter. */
export const MAX_REPLAY_DAYS = 92;

export const ReplayRequest = z
  .strictObject({
    ruleset: z
      .union([z.string().min(1).max(64), z.record(z.string(), z.unknown())])
      .meta({ description: 'The candidate: a full ruleset document (the rules config schema the engine loads, every error with a pointer under /ruleset) or the version of a stored ruleset' }),
    from: z.iso.datetime({ offset: true }).meta({ description: 'Parcels first received at or after' }),
    to: z.iso.datetime({ offset: true }).meta({ description: 'Parcels first received at or before' }),
    destinationCountry: CountryCode.optional().meta({ description: 'Customs: its own country (the default); admin: required' }),
  })
  .superRefine((r, ctx) => {
    const from = Date.parse(r.from);
    const to = Date.parse(r.to);
    // A time that is not one has its own error already.
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    if (!(from < to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the period must end after it starts', params: { code: 'INVALID_VALUE' } });
    else if (to - from > MAX_REPLAY_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: `a replay covers at most ${MAX_REPLAY_DAYS} days`, params: { code: 'VALUE_TOO_LARGE' } });
  })
  .meta({ id: 'ReplayRequest' });
export type ReplayRequest = z.output<typeof ReplayRequest>;

export type Refusal = { code: 'FORBIDDEN' | 'INVALID_REQUEST' | 'NOT_FOUND'; detail: string; errors?: ValidationError[] };

/** Customs replays its own country's traffic (the default), admin any country it names; platforms and posts none. */
export function replayScope(p: Principal, requested: string | undefined): { destinationCountry: string } | Refusal {
  if (p.role === 'customs') {
    if (requested !== undefined && requested !== p.country) return { code: 'FORBIDDEN', detail: 'customs replays the traffic of its own country only' };
    return { destinationCountry: p.country! };
  }
  if (p.role === 'admin') {
    if (requested === undefined)
      return { code: 'INVALID_REQUEST', detail: 'admin names the destination country to replay', errors: [{ pointer: '/destinationCountry', code: 'REQUIRED', detail: 'is required for admin keys' }] };
    return { destinationCountry: requested };
  }
  return { code: 'FORBIDDEN', detail: 'only customs and admin replay rulesets' };
}

/** Who may read a replay: customs of its destination country and admin. Anyone else is told it does not exist. */
export const mayReadReplay = (p: Principal, replay: { destinationCountry: string }): boolean => p.role === 'admin' || (p.role === 'customs' && p.country === replay.destinationCountry);

/** The candidate ruleset: a document validated with pointers under /ruleset, or a version the source knows. */
export async function candidateRuleset(ruleset: ReplayRequest['ruleset'], source: RulesetSource): Promise<RulesConfig | Refusal> {
  if (typeof ruleset === 'string') {
    const found = await source.get(ruleset);
    return found ?? { code: 'NOT_FOUND', detail: `no ruleset version ${JSON.stringify(ruleset)}`, errors: [{ pointer: '/ruleset', code: 'INVALID_VALUE', detail: 'names no stored ruleset version' }] };
  }
  const checked = validateWith(RulesConfigSchema, ruleset);
  if (checked.ok) return checked.value;
  return { code: 'INVALID_REQUEST', detail: `${checked.errors.length} error(s) in the ruleset`, errors: checked.errors.map((e) => ({ ...e, pointer: `/ruleset${e.pointer}` })) };
}

/** The RulesetSource of a deployment without a rulesets store: the region's shipped ruleset, by its version. */
export const shippedRulesets = (shipped: RulesConfig): RulesetSource => ({ get: async (version) => (version === shipped.rulesetVersion ? shipped : undefined) });
