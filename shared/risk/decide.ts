// Score → level → customs response, by the region's thresholds.
// Order matters: a critical hit (weapons, explosives, hard drugs, a strong sanctions match) means
// DO_NOT_LOAD whatever else; a HIGH or CRITICAL level means screening; then any data-quality
// finding asks for an amendment. The brief said "data quality only"; we ask whenever a data-quality
// finding stands and nothing warrants a hold, because a vague description plus a minor risk hit
// is worse, not better, than the vague description alone and should not be released.
import type { RulesConfig } from './config/schema';
import { type CustomsResponseCode, type CustomsResponseDraft, edifact7365 } from './response';
import { type Assessment, type Hit, RULE_FAMILIES, type RiskLevel } from './types';

export function levelFor(score: number, hits: readonly Hit[], levels: RulesConfig['levels']): RiskLevel {
  if (score >= levels.critical || hits.some((h) => h.critical)) return 'CRITICAL';
  if (score >= levels.high) return 'HIGH';
  if (score >= levels.medium) return 'MEDIUM';
  return 'LOW';
}

const MAX_REASONS = 5;
const reason = (h: Hit) => `${h.ruleId}: ${h.message}`;
const byPointsDesc = (a: Hit, b: Hit) => b.points - a.points;
/** A hit of 0 points that is not critical states a condition (a battery installed in equipment): not a reason to hold. */
const weighs = (h: Hit) => h.points > 0 || h.critical;

export function decide(assessment: Assessment): CustomsResponseDraft {
  const { hits, level } = assessment;
  const draft = (code: CustomsResponseCode, decisive: Hit[]): CustomsResponseDraft => ({
    code,
    edifact7365: edifact7365(code),
    reasons: decisive.filter(weighs).sort(byPointsDesc).slice(0, MAX_REASONS).map(reason),
  });
  const critical = hits.filter((h) => h.critical);
  if (critical.length > 0) return draft('DO_NOT_LOAD', critical);
  if (level === 'HIGH' || level === 'CRITICAL') return draft('HELD_FOR_INSPECTION', hits);
  const dataQuality = hits.filter((h) => RULE_FAMILIES[h.ruleId] === 'DATA_QUALITY');
  if (dataQuality.length > 0) return draft('INFORMATION_REQUESTED', dataQuality);
  return draft('RELEASED', []);
}
