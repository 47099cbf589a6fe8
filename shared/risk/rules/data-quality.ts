// Data quality (ICS2 / WCO guidance on acceptable goods descriptions and values). These findings
// ask the submitter to amend rather than hold the parcel, unless other rules raise the level.
import type { CompiledRules } from '../compiled';
import { foldText, hasLetter } from '../text';
import type { Rule } from './context';

const QUANTITY_TOKEN = /^\d+[a-z]{0,3}$/; // "2", "2x", "10pcs"

/**
 * The generic terms a description consists of, or undefined if it says anything more specific.
 * "Gift", "2 x gifts", "clothes and accessories" are generic; "baby clothes" is not.
 */
export function genericTermsOf(folded: string, rules: CompiledRules, words: readonly string[] = folded.split(' ')): string[] | undefined {
  // Every word left must be covered by a generic phrase: one that is in none of them settles it (most descriptions).
  for (const t of words) if (t.length > 0 && !rules.genericWords.has(t) && !rules.fillerWords.has(t) && !QUANTITY_TOKEN.test(t)) return undefined;
  const tokens = words.filter((t) => t.length > 0 && !rules.fillerWords.has(t) && !QUANTITY_TOKEN.test(t));
  if (tokens.length === 0) return folded.length > 0 ? [folded] : undefined; // only fillers: "the", "a lot"
  const found: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    for (let len = Math.min(rules.longestGenericPhrase, tokens.length - i); len > 0; len--) {
      const phrase = len === 1 ? tokens[i]! : tokens.slice(i, i + len).join(' ');
      if (rules.genericPhrases.has(phrase)) {
        found.push(phrase);
        matched = len;
        break;
      }
    }
    if (matched === 0) return undefined;
    i += matched;
  }
  return found;
}

export const descriptionQuality: Rule = (ctx) => {
  for (const line of ctx.lines) {
    const description = ctx.d.contents[line.index]!.description;
    if (!hasLetter(description)) {
      ctx.hit('DESCRIPTION_NOT_TEXT', `/contents/${line.index}/description`, 'description has no words, only digits or punctuation', { description });
      continue;
    }
    const generic = genericTermsOf(line.folded, ctx.rules, line.words);
    if (generic) {
      ctx.hit('DESCRIPTION_GENERIC', `/contents/${line.index}/description`, `description "${description}" is too vague: say what the goods are`, { description, genericTerms: generic });
    }
  }
};

export const nominalValue: Rule = (ctx) => {
  const { d, rules } = ctx;
  if (!rules.commercialCategories.has(d.category)) return;
  for (const line of ctx.lines) {
    const value = d.contents[line.index]!.value;
    if (value > rules.config.nominalValueMax) continue;
    ctx.hit('VALUE_NOMINAL', `/contents/${line.index}/value`, `value ${value} ${d.currency} is nominal for ${d.category}: declare the price paid`, {
      value,
      currency: d.currency,
      category: d.category,
      nominalValueMax: rules.config.nominalValueMax,
    });
  }
};

export const giftFromBusiness: Rule = (ctx) => {
  const { d, rules } = ctx;
  if (d.category !== 'GIFT') return;
  const signals: Record<string, string> = {};
  if (d.sender.businessName !== undefined) signals.businessName = d.sender.businessName;
  if (d.sender.taxId !== undefined) signals.taxId = d.sender.taxId;
  const marker = rules.businessMarkers?.exec(foldText(d.sender.name));
  if (marker) signals.nameMarker = marker[0].trim();
  if (d.invoiceNumber !== undefined) signals.invoiceNumber = d.invoiceNumber;
  // An IOSS number is only used for distance sales of goods: a gift does not need one.
  if (d.ioss !== undefined) signals.ioss = d.ioss;
  if (Object.keys(signals).length === 0) return;
  ctx.hit('GIFT_FROM_BUSINESS', '/category', `declared as GIFT but the sender looks like a business (${Object.keys(signals).join(', ')})`, {
    category: d.category,
    signals,
  });
};

export const recipientPhone: Rule = (ctx) => {
  const { d, rules } = ctx;
  if (d.recipient.phone !== undefined || !rules.phoneRequired.has(d.destinationCountry)) return;
  ctx.hit('RECIPIENT_PHONE_MISSING', '/recipient', `a recipient phone number is required for deliveries to ${d.destinationCountry}`, {
    destinationCountry: d.destinationCountry,
  });
};
