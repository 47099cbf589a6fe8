// GET /v1/rule-performance: its query (validated, with problem details) and who may ask for which destination.
import * as z from 'zod';
import type { Principal } from '../auth/principal';
import { CountryCode } from '../ead/schema';
import type { ValidationError } from '../ead/errors';
import { validateWith } from '../ead/validate';

/** The longest period one request reads (a quarter): longer ones are what the per-day aggregates are for. */
export const MAX_PERIOD_DAYS = 92;
const DAY_MS = 86_400_000;

const Instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'a date (YYYY-MM-DD) or a date-time with an offset (2026-12-01T00:00:00Z)' });

export const PerformanceQuery = z.strictObject({
  from: Instant.meta({ description: 'Parcels first received at or after (a date means its first instant, UTC)' }),
  to: Instant.meta({ description: 'Parcels first received at or before (a date means its last instant, UTC)' }),
  destinationCountry: CountryCode.optional(),
});

export interface PerformancePeriod {
  from: string;
  to: string;
  destinationCountry?: string;
}

/** The period as ISO instants, or every error with its pointer (from ≤ to, at most MAX_PERIOD_DAYS). */
export function parsePerformanceQuery(query: unknown): { ok: true; period: PerformancePeriod } | { ok: false; errors: ValidationError[] } {
  const r = validateWith(PerformanceQuery, query);
  if (!r.ok) return r;
  const from = new Date(r.value.from.length === 10 ? `${r.value.from}T00:00:00.000Z` : r.value.from);
  const to = new Date(r.value.to.length === 10 ? `${r.value.to}T23:59:59.999Z` : r.value.to);
  if (from.getTime() > to.getTime()) return { ok: false, errors: [{ pointer: '/to', code: 'VALUE_TOO_SMALL', detail: 'to must not be before from' }] };
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) return { ok: false, errors: [{ pointer: '/to', code: 'VALUE_TOO_LARGE', detail: `a period is at most ${MAX_PERIOD_DAYS} days` }] };
  return { ok: true, period: { from: from.toISOString(), to: to.toISOString(), ...(r.value.destinationCountry ? { destinationCountry: r.value.destinationCountry } : {}) } };
}

/**
 * Whose parcels a caller may count: customs its own country's (it may name it; another country is 403, as a
 * listing filter on another country shows nothing), admin one country or all; platforms and posts nobody's
 * (the rules that fired are customs' to see).
 */
export function performanceScope(p: Principal, destinationCountry: string | undefined): { destinationCountry?: string } | { refused: string } {
  if (p.role === 'admin') return destinationCountry ? { destinationCountry } : {};
  if (p.role === 'customs')
    return destinationCountry === undefined || destinationCountry === p.country
      ? { destinationCountry: p.country! }
      : { refused: `a customs authority sees the rule performance of its own country (${p.country}) only` };
  return { refused: 'only customs and admin see rule performance' };
}
