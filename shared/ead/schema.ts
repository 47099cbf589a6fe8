// The EAD declaration (CONTRACT section 2), aligned with UPU ITMATT / CN 22 / CN 23 data elements.
// One zod schema: it validates requests, normalises them, types the code and generates the OpenAPI document.
// Rules that relate several fields live in ./rules.ts (zod skips object-level refinements once a field fails,
// and we report every error at once).
import * as z from 'zod';
import { hsNomenclature } from '../reference/hs';
import { isCountryCode, isCurrencyCode } from '../reference/codes';
import type { ErrorCode } from './errors';
import { normaliseItemId, s10Error } from './s10';

/** A check that adds at most one issue carrying a stable code in `params.code`. */
function coded<T>(test: (value: T) => { code: ErrorCode; detail: string } | undefined) {
  return (value: T, ctx: z.RefinementCtx) => {
    const failure = test(value);
    if (failure) ctx.addIssue({ code: 'custom', message: failure.detail, params: { code: failure.code }, input: value });
  };
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine(coded((c: string) => (isCountryCode(c) ? undefined : { code: 'UNKNOWN_COUNTRY', detail: `${c.slice(0, 16)} is not an ISO 3166-1 alpha-2 country code` })))
  .meta({ description: 'ISO 3166-1 alpha-2 country code', pattern: '^[A-Za-z]{2}$', examples: ['FR'] });

const CurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine(coded((c: string) => (isCurrencyCode(c) ? undefined : { code: 'UNKNOWN_CURRENCY', detail: `${c.slice(0, 16)} is not an ISO 4217 currency code` })))
  .meta({ description: 'ISO 4217 currency code of every amount in the declaration', pattern: '^[A-Za-z]{3}$', examples: ['EUR'] });

export const ItemId = z
  .string()
  .max(64)
  .overwrite(normaliseItemId)
  .superRefine(coded(s10Error))
  .meta({ description: 'UPU S10 item identifier; spaces are stripped and letters uppercased', pattern: '^[A-Za-z]{2} ?\\d{8} ?\\d ?[A-Za-z]{2}$', examples: ['CP719248650DE'] });

const HS_FORMAT = /^\d{6,10}$/;
const HsCode = z
  .string()
  .trim()
  .superRefine(
    coded((c: string) => {
      if (!HS_FORMAT.test(c)) return { code: 'INVALID_HS_CODE', detail: 'hsCode must be 6 to 10 digits' };
      if (!hsNomenclature().subheading(c.slice(0, 6))) return { code: 'UNKNOWN_HS_CODE', detail: `${c.slice(0, 6)} is not a subheading of the HS 2022 nomenclature` };
      return undefined;
    }),
  )
  .meta({ description: 'Harmonized System code: 6 to 10 digits, the first 6 a subheading of HS 2022', pattern: '^\\d{6,10}$', examples: ['610910'] });

const IOSS = /^IM\d{10}$/;
const Ioss = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine(coded((v: string) => (IOSS.test(v) ? undefined : { code: 'INVALID_IOSS', detail: 'ioss must be IM followed by 10 digits' })))
  .meta({ description: 'EU Import One-Stop Shop number', pattern: '^IM\\d{10}$', examples: ['IM2760000001'] });

const PHONE = /^\+?[0-9][0-9 ()./-]{3,24}$/;
const Phone = z
  .string()
  .trim()
  .superRefine(coded((v: string) => (PHONE.test(v) ? undefined : { code: 'INVALID_PHONE', detail: 'phone must be digits, optionally with a leading + and spaces, dots, dashes or parentheses' })))
  .meta({ description: 'Telephone number, preferably E.164', pattern: '^\\+?[0-9][0-9 ()./-]{3,24}$', examples: ['+33612345678'] });

/**
 * What a DynamoDB number can hold: 0, or a magnitude from 1E-130 to below 1E+126, with at most 38 significant
 * digits (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
 * The SDK writes a JS number as String(n), so that text is what is checked.
 */
export const DYNAMODB_NUMBER = { minMagnitude: 1e-130, maxMagnitudeExclusive: 1e126, maxSignificantDigits: 38 } as const;

function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '');
  return mantissa.replace(/^0+/, '').replace(/0+$/, '').length;
}

/** Why DynamoDB would refuse to store `n`, or undefined when it can. */
export function storableNumberError(n: number): { code: ErrorCode; detail: string } | undefined {
  if (n === 0) return undefined;
  const m = Math.abs(n);
  if (!(m >= DYNAMODB_NUMBER.minMagnitude && m < DYNAMODB_NUMBER.maxMagnitudeExclusive)) {
    return { code: 'NUMBER_NOT_STORABLE', detail: `${String(n)} cannot be stored: numbers are 0 or of a magnitude from 1E-130 to below 1E+126` };
  }
  if (significantDigits(String(n)) > DYNAMODB_NUMBER.maxSignificantDigits) {
    return { code: 'NUMBER_NOT_STORABLE', detail: `${String(n)} cannot be stored: numbers have at most 38 significant digits` };
  }
  return undefined;
}

/** Every number of a declaration: a JSON number the store can keep (checked before any other bound of the field). */
const StorableNumber = () => z.number().superRefine(coded(storableNumberError));

const Money = StorableNumber().nonnegative().max(1e9);

export const Address = z.strictObject({
  lines: z.array(text(128)).min(1).max(4).meta({ description: 'Street address, 1 to 4 lines' }),
  city: text(64),
  postcode: text(16).optional(),
  state: text(64).optional(),
  countryCode: CountryCode,
});

export const Party = z.strictObject({
  name: text(256).meta({ description: 'Name of the person or company' }),
  businessName: text(256).optional(),
  address: Address,
  email: z.string().trim().max(254).email().optional(),
  phone: Phone.optional(),
  taxId: text(64).optional().meta({ description: 'VAT, EORI or other tax identifier' }),
});

export const ContentLine = z.strictObject({
  description: text(512).meta({ description: 'Precise description of the goods (not "gift", "parts", ...)', examples: ["Men's cotton T-shirt, printed"] }),
  quantity: StorableNumber().int().positive().max(1_000_000),
  netWeightKg: StorableNumber().positive().max(1000),
  value: Money.meta({ description: 'Value of the line (all units) in the declaration currency' }),
  hsCode: HsCode.optional(),
  originCountry: CountryCode.optional().meta({ description: 'Country where the goods were produced' }),
});

export const CATEGORIES = ['GIFT', 'DOCUMENTS', 'COMMERCIAL_SAMPLE', 'RETURNED_GOODS', 'SALE_OF_GOODS', 'MIXED', 'OTHER'] as const;
/** Categories whose lines must carry an HS code and a country of origin. */
export const COMMERCIAL_CATEGORIES: ReadonlySet<string> = new Set(['SALE_OF_GOODS', 'COMMERCIAL_SAMPLE', 'RETURNED_GOODS']);

export const TRANSPORT_MODES = ['AIR', 'SURFACE', 'ROAD', 'RAIL'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const DeclarationSchema = z
  .strictObject({
    itemId: ItemId,
    declarationType: z.enum(['CN22', 'CN23']),
    category: z.enum(CATEGORIES),
    categoryExplanation: text(512).optional().meta({ description: 'Required when category is OTHER' }),
    postingDate: z.iso.date().meta({ examples: ['2026-11-20'] }),
    originCountry: CountryCode,
    destinationCountry: CountryCode,
    sender: Party,
    recipient: Party,
    contents: z.array(ContentLine).min(1).max(999),
    grossWeightKg: StorableNumber().positive().max(1000),
    currency: CurrencyCode,
    totalValue: Money.meta({ description: 'Sum of the line values, to 0.01' }),
    postage: Money.optional(),
    insuredValue: Money.optional(),
    ioss: Ioss.optional(),
    invoiceNumber: text(64).optional(),
    licenceNumbers: z.array(text(64)).max(20).optional(),
    certificateNumbers: z.array(text(64)).max(20).optional(),
    comments: text(1000).optional(),
    transport: z
      .enum(TRANSPORT_MODES)
      .optional()
      .meta({
        description:
          'How the item travels, in the spirit of the ITMATT mail class: AIR (assumed when absent), SURFACE, ROAD or RAIL. Dangerous goods forbidden by air (lithium batteries on their own, perfumes, aerosols, lighters, ...) are DO_NOT_LOAD by air and at most HELD_FOR_INSPECTION otherwise.',
        examples: ['AIR'],
      }),
  })
  .meta({ id: 'Declaration', description: 'Electronic Advance Data for one postal item (CONTRACT section 2)' });

/** A declaration as submitted. */
export type DeclarationInput = z.input<typeof DeclarationSchema>;
/** A validated, normalised declaration. */
export type Declaration = z.output<typeof DeclarationSchema>;
export type ContentLine = z.output<typeof ContentLine>;
export type Party = z.output<typeof Party>;
export type Category = (typeof CATEGORIES)[number];
