// A hit's evidence in words, per rule family (shared/risk/rules/*.ts write it): what an officer needs to judge the
// referral without reading JSON. Segments are text or a link to another parcel (a split shipment's earlier parcels).
import type { Hit } from './types';

export type Segment = string | { itemId: string };

const num = (v: unknown): string => (typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v ?? '?'));
const pct = (v: unknown): string => (typeof v === 'number' ? `${Math.round(v * 100)} %` : '?');
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const list = (v: unknown): string => (Array.isArray(v) ? v.map(str).filter(Boolean).join(', ') : str(v));

interface CorroborationEvidence {
  kind?: string;
  field?: string;
  declared?: string | null;
  listed?: string[];
}

interface SanctionsMatchEvidence {
  corroboration?: { found?: CorroborationEvidence[]; missing?: CorroborationEvidence[] };
  weakBecause?: string[];
  listedName?: string;
  matchedAlias?: string | null;
  programs?: string[];
  score?: number;
  strength?: string;
  entNum?: number | string;
  cleared?: { until?: string };
}

function sanctions(e: Record<string, unknown>): Segment[] {
  const matches = (Array.isArray(e.matches) ? e.matches : []) as SanctionsMatchEvidence[];
  const out: Segment[] = [`Screened name "${str(e.screenedName)}".`];
  for (const m of matches) {
    const alias = m.matchedAlias ? ` (as its alias "${m.matchedAlias}")` : '';
    const programmes = m.programs && m.programs.length ? `programme ${m.programs.join(', ')}` : 'no programme named';
    out.push(` Listed party "${str(m.listedName)}"${alias}, SDN entry ${str(m.entNum)}, ${programmes}: similarity ${pct(m.score)}, ${str(m.strength) || 'match'}.`);
    if (m.weakBecause && m.weakBecause.length) out.push(` Held to weak: ${list(m.weakBecause)}.`);
    const found = m.corroboration?.found ?? [];
    if (found.length) out.push(` Corroborated by ${found.map((c) => `${str(c.field)} ${str(c.declared)}`).join(', ')}.`);
    else if (m.corroboration) out.push(' Not corroborated by the declaration.');
    if (m.cleared) out.push(` Cleared for this party by customs until ${str(m.cleared.until).slice(0, 10)}.`);
  }
  if (typeof e.totalMatches === 'number' && e.totalMatches > matches.length) out.push(` ${e.totalMatches - matches.length} more similar entries not shown.`);
  return out;
}

function splitShipment(e: Record<string, unknown>): Segment[] {
  const earlier = (Array.isArray(e.earlier) ? e.earlier : []) as { itemId?: string; valueEur?: number; receivedAt?: string }[];
  const out: Segment[] = [
    `${num(e.parcels)} parcels to this recipient within ${num(e.windowHours)} h, ${num(e.totalEur)} EUR in all against a de minimis of ${num(e.deMinimisEur)} EUR; this one ${num(e.currentValueEur)} EUR.`,
  ];
  if (earlier.length) {
    out.push(' Earlier parcels: ');
    earlier.forEach((p, i) => {
      if (i > 0) out.push(', ');
      out.push({ itemId: str(p.itemId) }, ` (${num(p.valueEur)} EUR, ${str(p.receivedAt).slice(0, 16).replace('T', ' ')})`);
    });
    out.push('.');
  }
  return out;
}

const RENDERERS: Record<string, (e: Record<string, unknown>) => Segment[]> = {
  SANCTIONS_CONFIRMED_MATCH: sanctions,
  SANCTIONS_POSSIBLE_MATCH: sanctions,
  SANCTIONS_WEAK_MATCH: sanctions,
  SPLIT_SHIPMENT: splitShipment,
  VALUE_PER_KG_LOW: (e) => [
    `Declared ${num(e.valueEur)} EUR for ${num(e.netWeightKg)} kg: ${num(e.valuePerKgEur)} EUR/kg, below the floor of ${num(e.floorPerKgEur)} EUR/kg for HS ${str(e.hsPrefix)}.`,
  ],
  VALUE_PER_UNIT_LOW: (e) => [
    `Declared ${num(e.valueEur)} EUR for ${num(e.quantity)} unit(s): ${num(e.valuePerUnitEur)} EUR per unit, below the floor of ${num(e.floorPerUnitEur)} EUR for HS ${str(e.hsPrefix)}.`,
  ],
  VALUE_JUST_UNDER_DE_MINIMIS: (e) => [`Total ${num(e.totalValue)} ${str(e.currency)} (${num(e.totalEur)} EUR), just under the de minimis of ${num(e.deMinimisEur)} EUR.`],
  VALUE_NOMINAL: (e) => [`Value ${num(e.value)} ${str(e.currency)} on ${str(e.category)} goods; values up to ${num(e.nominalValueMax)} count as nominal.`],
  COUNTERFEIT_PRONE_ORIGIN: (e) => [
    `HS ${str(e.hsCode)} (counterfeit-prone class ${str(e.hsPrefix)}) from ${str(e.originCountry)}, a high-risk origin (from the ${str(e.originFrom) || 'declaration'}).`,
  ],
  GIFT_FROM_BUSINESS: (e) => {
    const signals = typeof e.signals === 'object' && e.signals ? Object.entries(e.signals as Record<string, unknown>) : [];
    return [`Declared as ${str(e.category)}; business signs: ${signals.map(([k, v]) => `${k} "${str(v)}"`).join(', ') || 'none named'}.`];
  },
  DESCRIPTION_GENERIC: (e) => [`Description "${str(e.description)}" says only ${list(e.genericTerms) || 'a generic word'}.`],
  DESCRIPTION_NOT_TEXT: (e) => [`Description "${str(e.description)}" has no words.`],
  HS_DESCRIPTION_MISMATCH: (e) => [`HS ${str(e.hsCode)} reads "${str(e.nomenclatureText).split(' | ')[0]}"; the description "${str(e.description)}" does not fit it.`],
  RECIPIENT_PHONE_MISSING: (e) => [`${str(e.destinationCountry)} requires a recipient phone number for deliveries.`],
  AMENDMENTS_FREQUENT: (e) => [`Amended ${num(e.amendments)} times within ${num(e.windowHours)} h; this region expects at most ${num(e.maxInWindow)}.`],
};

function keywordOrHs(e: Record<string, unknown>): Segment[] | undefined {
  if (typeof e.matchedTerm === 'string')
    return [`The description "${str(e.description)}" contains "${e.matchedTerm}" (${str(e.goodsClass).toLowerCase()})${e.hsCode ? `, declared under HS ${str(e.hsCode)}` : ''}.`];
  if (typeof e.hsPrefix === 'string' && typeof e.goodsClass === 'string') return [`HS ${str(e.hsCode)} falls under ${e.hsPrefix} (${e.goodsClass.toLowerCase()}).`];
  return undefined;
}

/** Generic fallback: each evidence field as "name: value", so no evidence is ever hidden. */
function generic(e: Record<string, unknown>): Segment[] {
  const parts = Object.entries(e).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : str(v)}`);
  return parts.length ? [parts.join('; ') + '.'] : [];
}

/** The evidence of a hit in words (empty when the viewer is not shown evidence). */
export function evidenceInWords(hit: Pick<Hit, 'ruleId' | 'evidence'>): Segment[] {
  const e = hit.evidence;
  if (!e || typeof e !== 'object') return [];
  const render = RENDERERS[hit.ruleId];
  return render ? render(e) : (keywordOrHs(e) ?? generic(e));
}

export const segmentsAsText = (segments: readonly Segment[]): string => segments.map((s) => (typeof s === 'string' ? s : s.itemId)).join('');
