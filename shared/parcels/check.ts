// Checking a declaration before filing (CONTRACT section 3): validation and the data-quality rules, without storing
// or queueing anything. The answer is what an information request would say: every error and every finding, each
// with its JSON pointer. The risk rules' other findings are not shown: they are for customs.
import { validateDeclaration } from '../ead/validate';
import type { ValidationError } from '../ead/errors';
import type { RiskEngine } from '../risk';
import { RULE_FAMILIES } from '../risk/types';

export interface CheckResult {
  valid: boolean;
  errors: ValidationError[];
  findings: { ruleId: string; pointer: string; message: string }[];
}

export function checkDeclaration(input: unknown, engine: Pick<RiskEngine, 'assess'>, now: string): CheckResult {
  const v = validateDeclaration(input);
  if (!v.ok) return { valid: false, errors: v.errors, findings: [] };
  const { hits } = engine.assess(v.declaration, [], now);
  const findings = hits.filter((h) => RULE_FAMILIES[h.ruleId] === 'DATA_QUALITY').map(({ ruleId, pointer, message }) => ({ ruleId, pointer, message }));
  return { valid: true, errors: [], findings };
}
