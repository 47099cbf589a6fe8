// The rules config: every weight, threshold, list and table the engine uses, as validated data.
// One config per region (./regions.ts), versioned by rulesetVersion, which every assessment carries
// so a score can always be explained by the exact rules that produced it.
import { z } from 'zod';
import { CATEGORIES } from '../../ead/schema';
import { isCountryCode, isCurrencyCode } from '../../reference/codes';
import { GOODS_CLASSES, RULE_IDS } from '../types';

const Country = z.string().refine(isCountryCode, { message: 'not an ISO 3166-1 alpha-2 country code' });
const Currency = z.string().refine(isCurrencyCode, { message: 'not an ISO 4217 currency code' });
const HsPrefix = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, 'an HS prefix is a chapter (2 digits), heading (4) or subheading (6)');
const Term = z.string().trim().min(1).max(80);
const Points = z.number().int().min(0).max(1000);
const Eur = z.number().positive().finite();

export const RuleWeight = z.strictObject({
  points: Points,
  /** A critical hit forces DO_NOT_LOAD whatever the total. */
  critical: z.boolean().default(false),
  enabled: z.boolean().default(true),
});

const HsGroup = z.strictObject({
  ruleId: z.enum(RULE_IDS),
  goodsClass: z.enum(GOODS_CLASSES),
  prefixes: z.array(HsPrefix).min(1),
  label: Term,
});

const KeywordGroup = z.strictObject({
  ruleId: z.enum(RULE_IDS),
  goodsClass: z.enum(GOODS_CLASSES),
  label: Term,
  /** Whole words or phrases; a trailing * makes the last word a stem ("pistol*" = pistol, pistols, pistolet). */
  terms: z.array(Term).min(1),
  /** Phrases (same syntax) removed before matching, for innocent goods that share a word: "glue gun", "ink cartridge". */
  exclusions: z.array(Term).default([]),
});

const ValueFloor = z
  .strictObject({ hsPrefix: HsPrefix, perKgEur: Eur.optional(), perUnitEur: Eur.optional(), label: Term })
  .refine((f) => f.perKgEur !== undefined || f.perUnitEur !== undefined, { message: 'a value floor needs perKgEur or perUnitEur' });

const Money = z.strictObject({ amount: z.number().nonnegative().finite(), currency: Currency });

export const RulesConfigSchema = z
  .strictObject({
    rulesetVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'rulesetVersion is YYYY-MM-DD.n'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region name such as eu-west-1'),
    /** Destination countries this region's deployment serves. */
    servedDestinations: z.array(Country).min(1),
    /** Score from which each level starts (LOW below medium). */
    levels: z.strictObject({ medium: Points, high: Points, critical: Points }),
    rules: z.record(z.enum(RULE_IDS), RuleWeight),
    hsGroups: z.array(HsGroup),
    keywordGroups: z.array(KeywordGroup),
    description: z.strictObject({
      /** Descriptions made only of these (after filler words) are too vague (WCO / ICS2 unacceptable terms). */
      genericTerms: z.array(Term).min(1),
      /** Articles, conjunctions and fillers ignored when judging a description. */
      fillerWords: z.array(Term),
    }),
    hsFit: z.strictObject({
      /** Words compared by their first n letters, a cheap stemmer that is good enough for English plurals and inflections. */
      stemLength: z.number().int().min(3).max(10),
      /** A description fits when at least this many of its content words appear in the HS texts. */
      minSharedWords: z.number().int().min(1).max(5),
      /** Nomenclature words that carry no meaning ("other", "articles", "n.e.c."). */
      ignoredWords: z.array(Term),
      /** Everyday words mapped to nomenclature words ("phone" → "telephone"). */
      synonyms: z.record(Term, z.array(Term)),
    }),
    /** Categories whose values must be real transaction values (VALUE_NOMINAL). */
    commercialCategories: z.array(z.enum(CATEGORIES)).min(1),
    /** A line value at or below this, in the declaration's currency, is nominal. */
    nominalValueMax: z.number().nonnegative(),
    /** Words in a sender's name that show a business (legal forms, "shop", "trading"), matched as whole words. */
    giftFromBusiness: z.strictObject({ businessMarkers: z.array(Term).min(1) }),
    phoneRequiredDestinations: z.array(Country),
    /** Exchange rates: EUR for one unit of each currency. */
    eurPerUnit: z.record(Currency, Eur),
    valueFloors: z.array(ValueFloor),
    deMinimis: z.record(Country, Money),
    /** "Just under" means within this fraction below the threshold (0.1 = the top 10 %). */
    deMinimisBand: z.number().gt(0).max(0.5),
    splitShipment: z.strictObject({
      windowHours: z.number().positive().max(24 * 31),
      /** Parcels in the window, the current one included, from which a split is considered. */
      minParcels: z.number().int().min(2).max(100),
    }),
    counterfeit: z.strictObject({ hsPrefixes: z.array(HsPrefix).min(1), highRiskOrigins: z.array(Country) }),
    /** More than `maxInWindow` amendments of one parcel within `windowHours` is itself a risk signal (AMENDMENTS_FREQUENT). */
    amendments: z.strictObject({ windowHours: z.number().positive().max(24 * 31), maxInWindow: z.number().int().min(1).max(100) }).default({ windowHours: 24, maxInWindow: 3 }),
  })
  .superRefine((c, ctx) => {
    if (!(c.levels.medium < c.levels.high && c.levels.high < c.levels.critical)) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'levels must rise: medium < high < critical' });
    }
    if (c.eurPerUnit.EUR !== 1) ctx.addIssue({ code: 'custom', path: ['eurPerUnit', 'EUR'], message: 'EUR must be 1' });
    for (const [country, m] of Object.entries(c.deMinimis)) {
      if (c.eurPerUnit[m.currency] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['deMinimis', country, 'currency'], message: `no exchange rate for ${m.currency}` });
      }
    }
  });

export type RulesConfigInput = z.input<typeof RulesConfigSchema>;
export type RulesConfig = z.output<typeof RulesConfigSchema>;
