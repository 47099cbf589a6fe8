// The rules config: every weight, threshold, list and table the engine uses, as validated data.
// One config per region (./regions.ts), versioned by rulesetVersion, which every assessment carries
// so a score can always be explained by the exact rules that produced it.
import * as z from 'zod';
import { CATEGORIES } from '#shared/ead/schema';
import { isCountryCode, isCurrencyCode } from '#shared/reference/codes';
import { DANGEROUS_GOODS_RULE_IDS, GOODS_CLASSES, RULE_IDS, SANCTIONS_RULE_IDS } from '../types';
import { COUNTRY_ROLES, IDENTIFIER_KINDS } from '../sanctions/remarks';

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

// Dangerous goods (see ./dangerous-goods.ts for the shipped data and ../rules/dangerous-goods.ts for the rule).
const Prose = z.string().trim().min(1).max(400);
const SourceId = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a source id is UPPER_SNAKE_CASE');
/** What a post does with the goods: FORBIDDEN (critical: not loaded), HOLD (screen before transport), ACCEPT (may go, conditions in the hit). */
const DgAction = z.enum(['FORBIDDEN', 'HOLD', 'ACCEPT']);
const DgRule = z.strictObject({
  /** What the goods are, as the hit names them: "lithium cells or batteries not installed in equipment". */
  item: Term,
  /** By air (transport AIR, the default). */
  air: DgAction,
  /** By SURFACE, ROAD or RAIL: what is forbidden by air may be accepted by surface, so at most held here. */
  surface: DgAction.exclude(['FORBIDDEN']),
  /** Why it may not fly, or the condition under which it may: said in every hit. */
  why: Prose,
  /** The condition under which it is accepted (ACCEPT / HOLD), when there is one. */
  condition: Prose.optional(),
  /** Ids in `dangerousGoods.sources`. */
  sources: z.array(SourceId).min(1),
});
const DgGoods = z.strictObject({
  ruleId: z.enum(DANGEROUS_GOODS_RULE_IDS),
  item: Term,
  /** Goods classes this hit claims on its line, so the prohibited-goods rules do not score the same goods again. */
  claims: z.array(z.enum(GOODS_CLASSES)).default([]),
  hsPrefixes: z.array(HsPrefix).default([]),
  terms: z.array(Term).default([]),
  exclusions: z.array(Term).default([]),
  /** Only when the declaration states an alcoholic strength above this (% vol), e.g. spirits of HS 2208. */
  abvAbovePercent: z.number().min(0).max(100).optional(),
});
const TermList = z.array(Term);
const DgLithium = z.strictObject({
  /** HS subheadings of cells and batteries on their own (850650 primary lithium, 850760 lithium-ion). */
  looseHsPrefixes: z.array(HsPrefix).min(1),
  /** Always a battery on its own, whatever equipment it names: power bank, battery case, 充电宝. */
  powerBankTerms: TermList.min(1),
  /** A lithium cell or battery (lithium, Li-ion, LiPo, 18650, CR2032, Akku): on its own unless equipment is named. */
  lithiumTerms: TermList.min(1),
  /** Any battery (battery, Batterie, pila, 电池): with equipment it is installed; alone it says nothing of its chemistry. */
  batteryTerms: TermList.min(1),
  /** The battery is the item, not the equipment it is for: "replacement battery", "battery for", "Ersatzakku". */
  batteryItemTerms: TermList,
  /** Equipment that always holds a lithium battery (phones, laptops, tablets, cameras, e-readers). */
  lithiumEquipmentTerms: TermList,
  lithiumEquipmentHsPrefixes: z.array(HsPrefix),
  /** Equipment that holds a battery when the description says so (toys, toothbrushes, torches). */
  equipmentTerms: TermList,
  /** Equipment whose battery is above the mail limits (e-scooters, e-bikes, hoverboards). */
  largeBatteryEquipmentTerms: TermList,
  /** The battery travels beside the equipment, not in it: "spare battery", "packed separately". */
  packedWithTerms: TermList,
  /** Damaged or defective: "damaged", "swollen", "defekt". */
  damagedTerms: TermList,
  /** Removed before matching: chemistries that are not lithium and battery accessories (alkaline, NiMH, battery holder). */
  exclusions: TermList,
  /** ICAO TI PI 967 / 970 Section II, as applied to mail: per postal item and per cell or battery. */
  limits: z.strictObject({
    cellsPerItem: z.number().int().positive(),
    batteriesPerItem: z.number().int().positive(),
    whPerCell: z.number().positive(),
    whPerBattery: z.number().positive(),
    lithiumGramsPerCell: z.number().positive(),
    lithiumGramsPerBattery: z.number().positive(),
    /** Volts assumed to turn a stated mAh into Wh when no voltage is stated. */
    nominalVolts: z.number().positive(),
  }),
});
const DangerousGoods = z.strictObject({
  /** Points of a hit held instead of forbidden (an air-forbidden item by surface): at least levels.high, below levels.critical. */
  heldPoints: Points,
  /** The texts the rules apply, by id: what each hit cites. */
  /** cite: the short form a hit's message quotes ("ICAO TI PI 965–970 Section II"); title and reference: the full citation, in the evidence. */
  sources: z.record(SourceId, z.strictObject({ cite: Term, title: Prose, reference: Prose })),
  /** One entry per dangerous-goods rule: what the goods are, what happens by air and by surface, why, and the sources. */
  rules: z.record(z.enum(DANGEROUS_GOODS_RULE_IDS), DgRule),
  /** HS prefixes and terms per kind of goods (the lithium rules have their own table below). */
  goods: z.array(DgGoods),
  lithium: DgLithium,
});

// Sanctions screening policy (./sanctions.ts has the defaults, ../rules/sanctions.ts applies it): what corroborates a
// name match, and what each combination of name strength and corroboration decides.
const SanctionsOutcome = z.union([z.enum(SANCTIONS_RULE_IDS), z.literal('NONE')]);
const SanctionsOutcomes = z.strictObject({ identifier: SanctionsOutcome, country: SanctionsOutcome, entity: SanctionsOutcome, none: SanctionsOutcome });
const Sanctions = z.strictObject({
  /** Which countries an entry names are compared with the party's address country. */
  countryRoles: z.array(z.enum(COUNTRY_ROLES)),
  /** Declaration identifiers (party taxId, email, phone; the declaration's IOSS for the sender) and the listed kinds each is compared with. */
  identifiers: z.strictObject({
    taxId: z.array(z.enum(IDENTIFIER_KINDS)),
    email: z.array(z.enum(IDENTIFIER_KINDS)),
    phone: z.array(z.enum(IDENTIFIER_KINDS)),
    ioss: z.array(z.enum(IDENTIFIER_KINDS)),
  }),
  /** An entity entry matched by a business name (businessName, or a name with a legal form) corroborates itself. */
  entityByBusinessName: z.boolean(),
  /** Words that make a party's `name` a business name (beyond legal forms): "bank", "trading", "shipping". */
  businessWords: z.array(Term),
  /** Rule (or NONE) per name strength and the best corroboration found: identifier > country > entity > none. */
  decisions: z.strictObject({ strong: SanctionsOutcomes, weak: SanctionsOutcomes }),
  // Clearances and list updates (shared/risk/clearances.ts, shared/screening/):
  /** How long an officer's "not the listed party" stands, in days. */
  clearanceDays: z.number().int().min(1).max(3650).default(180),
  /** The share of entries a new list may lose before it is refused. */
  maxShrinkShare: z.number().min(0).max(1).default(0.1),
  /** How far back (days of receipt) parcels not yet final are screened again after a list update. */
  rescreenWindowDays: z.number().int().min(0).max(90).default(7),
});

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
      windowHours: z
        .number()
        .positive()
        .max(24 * 31),
      /** Parcels in the window, the current one included, from which a split is considered. */
      minParcels: z.number().int().min(2).max(100),
    }),
    counterfeit: z.strictObject({ hsPrefixes: z.array(HsPrefix).min(1), highRiskOrigins: z.array(Country) }),
    /** More than `maxInWindow` amendments of one parcel within `windowHours` is itself a risk signal (AMENDMENTS_FREQUENT). */
    amendments: z
      .strictObject({
        windowHours: z
          .number()
          .positive()
          .max(24 * 31),
        maxInWindow: z.number().int().min(1).max(100),
      })
      .default({ windowHours: 24, maxInWindow: 3 }),
    /** Dangerous goods in the post: what may not fly, what may fly with conditions (UPU, ICAO TI, IATA DGR). */
    dangerousGoods: DangerousGoods,
    /** Sanctions screening: what corroborates a name match and what each case decides. */
    sanctions: Sanctions,
  })
  .superRefine((c, ctx) => {
    if (!(c.levels.medium < c.levels.high && c.levels.high < c.levels.critical)) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'levels must rise: medium < high < critical' });
    }
    if (c.eurPerUnit.EUR !== 1) ctx.addIssue({ code: 'custom', path: ['eurPerUnit', 'EUR'], message: 'EUR must be 1' });
    const dg = c.dangerousGoods;
    if (!(dg.heldPoints >= c.levels.high && dg.heldPoints < c.levels.critical)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dangerousGoods', 'heldPoints'],
        message: `heldPoints must hold without stopping: from levels.high (${c.levels.high}) to below levels.critical (${c.levels.critical})`,
      });
    }
    for (const [ruleId, r] of Object.entries(dg.rules)) {
      r.sources.forEach((id, i) => {
        if (!Object.hasOwn(dg.sources, id)) ctx.addIssue({ code: 'custom', path: ['dangerousGoods', 'rules', ruleId, 'sources', i], message: `no source ${id} in dangerousGoods.sources` });
      });
    }
    for (const strength of ['strong', 'weak'] as const) {
      const alone = c.sanctions.decisions[strength].none;
      if (alone !== 'NONE' && c.rules[alone].critical) {
        ctx.addIssue({ code: 'custom', path: ['sanctions', 'decisions', strength, 'none'], message: `a name alone must not stop a parcel: ${alone} is critical` });
      }
    }
    for (const [country, m] of Object.entries(c.deMinimis)) {
      if (c.eurPerUnit[m.currency] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['deMinimis', country, 'currency'], message: `no exchange rate for ${m.currency}` });
      }
    }
  });

export type RulesConfigInput = z.input<typeof RulesConfigSchema>;
export type RulesConfig = z.output<typeof RulesConfigSchema>;
