// Checking a declaration before filing (CONTRACT section 3): validation and the rules, without storing or queueing
// anything. The answer is what a filer would be shown: every error, and every data-quality and dangerous-goods
// finding, each with its JSON pointer. The risk rules' other findings are not shown: they are for customs.
import { validateDeclaration } from '../ead/validate';
import type { ValidationError } from '../ead/errors';
import type { RiskEngine } from '../risk';
import { isShownToFilers } from './view';

export interface CheckResult {
  valid: boolean;
  errors: ValidationError[];
  findings: { ruleId: string; pointer: string; message: string }[];
}

export function checkDeclaration(input: unknown, engine: Pick<RiskEngine, 'assess'>, now: string): CheckResult {
  const v = validateDeclaration(input);
  if (!v.ok) return { valid: false, errors: v.errors, findings: [] };
  const { hits } = engine.assess(v.declaration, [], now);
  const findings = hits.filter((h) => isShownToFilers(h.ruleId)).map(({ ruleId, pointer, message }) => ({ ruleId, pointer, message }));
  return { valid: true, errors: [], findings };
}
