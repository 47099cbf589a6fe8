// Default rules config, shared by every region; ./regions.ts overrides what differs.
// Amounts are in EUR; exchange rates are data (EUR per unit) so they can be updated with the
// ruleset rather than with a release. Figures are sane defaults for this project, not legal advice.
import { DEFAULT_DANGEROUS_GOODS } from './dangerous-goods';
import { DEFAULT_KEYWORD_GROUPS } from './keywords';
import { DEFAULT_SANCTIONS_POLICY } from './sanctions';
import type { RulesConfigInput } from './schema';
import { FILLER_WORDS, GENERIC_TERMS, HS_IGNORED_WORDS, HS_SYNONYMS } from './terms';

export const EU_MEMBER_STATES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];

export const DEFAULT_RULES_CONFIG: RulesConfigInput = {
  rulesetVersion: '2026-12-02.1',
  region: 'eu-west-1',
  servedDestinations: EU_MEMBER_STATES,
  levels: { medium: 20, high: 50, critical: 100 },
  rules: {
    PROHIBITED_HS_ARMS: { points: 100, critical: true },
    PROHIBITED_HS_EXPLOSIVES: { points: 100, critical: true },
    RESTRICTED_HS_PRECURSORS: { points: 40 },
    RESTRICTED_HS_MEDICINES: { points: 25 },
    RESTRICTED_HS_PLANTS: { points: 15 },
    RESTRICTED_HS_TOBACCO: { points: 30 },
    // Narrowed by the dangerous-goods family: lithium and lead-acid batteries are claimed by DG_* hits on their
    // line, so these two score only batteries the family does not classify (alkaline, NiMH, a chemistry not said).
    RESTRICTED_HS_BATTERIES: { points: 10 },
    PROHIBITED_KEYWORD_ARMS: { points: 100, critical: true },
    PROHIBITED_KEYWORD_EXPLOSIVES: { points: 100, critical: true },
    PROHIBITED_KEYWORD_DRUGS: { points: 100, critical: true },
    RESTRICTED_KEYWORD_CANNABIS: { points: 50 },
    RESTRICTED_KEYWORD_MEDICINES: { points: 25 },
    RESTRICTED_KEYWORD_TOBACCO: { points: 30 },
    RESTRICTED_KEYWORD_BATTERIES: { points: 10 },
    DESCRIPTION_GENERIC: { points: 15 },
    DESCRIPTION_NOT_TEXT: { points: 20 },
    VALUE_NOMINAL: { points: 20 },
    HS_DESCRIPTION_MISMATCH: { points: 15 },
    GIFT_FROM_BUSINESS: { points: 25 },
    RECIPIENT_PHONE_MISSING: { points: 10 },
    VALUE_PER_KG_LOW: { points: 20 },
    VALUE_PER_UNIT_LOW: { points: 30 },
    VALUE_JUST_UNDER_DE_MINIMIS: { points: 10 },
    SPLIT_SHIPMENT: { points: 40 },
    COUNTERFEIT_PRONE_ORIGIN: { points: 20 },
    // Sanctions (./sanctions.ts decides which applies): confirmed stops the parcel, possible holds it for review.
    SANCTIONS_CONFIRMED_MATCH: { points: 100, critical: true },
    SANCTIONS_POSSIBLE_MATCH: { points: 50 },
    SANCTIONS_WEAK_MATCH: { points: 30 },
    // Amending again and again is how a filer would probe the engine: at the limit's next amendment the parcel is held.
    AMENDMENTS_FREQUENT: { points: 50 },
    // Dangerous goods (./dangerous-goods.ts): these weights apply by air; by surface an air-forbidden item is held
    // with dangerousGoods.heldPoints instead (never critical). HOLD rules weigh enough to hold; ACCEPT ones nothing.
    DG_LITHIUM_BATTERY_LOOSE: { points: 100, critical: true },
    DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT: { points: 50 },
    DG_LITHIUM_BATTERY_DAMAGED: { points: 50 },
    DG_LITHIUM_BATTERY_OVER_LIMIT: { points: 100, critical: true },
    DG_LITHIUM_BATTERY_IN_EQUIPMENT: { points: 0 },
    DG_FLAMMABLE_LIQUID: { points: 100, critical: true },
    DG_FLAMMABLE_GAS: { points: 100, critical: true },
    DG_FLAMMABLE_SOLID: { points: 100, critical: true },
    DG_E_CIGARETTE: { points: 50 },
    DG_MAGNETIZED_MATERIAL: { points: 50 },
    DG_DRY_ICE: { points: 50 },
    DG_MERCURY: { points: 100, critical: true },
    DG_CORROSIVE: { points: 100, critical: true },
    DG_INFECTIOUS: { points: 50 },
    DG_RADIOACTIVE: { points: 50 },
  },
  hsGroups: [
    { ruleId: 'PROHIBITED_HS_ARMS', goodsClass: 'ARMS', prefixes: ['93'], label: 'arms and ammunition' },
    { ruleId: 'PROHIBITED_HS_EXPLOSIVES', goodsClass: 'EXPLOSIVES', prefixes: ['3601', '3602', '3603', '3604'], label: 'explosives and fireworks' },
    { ruleId: 'RESTRICTED_HS_PRECURSORS', goodsClass: 'PRECURSORS', prefixes: ['2933', '2939'], label: 'drug precursors' },
    { ruleId: 'RESTRICTED_HS_MEDICINES', goodsClass: 'MEDICINES', prefixes: ['3003', '3004'], label: 'medicines' },
    { ruleId: 'RESTRICTED_HS_PLANTS', goodsClass: 'PLANTS', prefixes: ['1211'], label: 'plants used in pharmacy or perfumery' },
    { ruleId: 'RESTRICTED_HS_TOBACCO', goodsClass: 'TOBACCO', prefixes: ['2402', '2403'], label: 'tobacco' },
    { ruleId: 'RESTRICTED_HS_BATTERIES', goodsClass: 'BATTERIES', prefixes: ['8506', '8507'], label: 'batteries' },
  ],
  keywordGroups: DEFAULT_KEYWORD_GROUPS,
  description: { genericTerms: GENERIC_TERMS, fillerWords: FILLER_WORDS },
  hsFit: { stemLength: 5, minSharedWords: 1, ignoredWords: HS_IGNORED_WORDS, synonyms: HS_SYNONYMS },
  commercialCategories: ['SALE_OF_GOODS'],
  nominalValueMax: 1,
  giftFromBusiness: {
    // Legal forms and trade words. Forms that are also surnames or initials ("SA" = Sá, "AB", "OY", "SL") are left out.
    businessMarkers: ['gmbh', 'ag', 'kg', 'ltd', 'limited', 'llc', 'inc', 'corp', 'plc', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'co ltd', 'pte', 'pty', 'sp z o o', 'ooo', 'e k', 'shop', 'store', 'trading', 'e commerce', 'ecommerce'],
  },
  phoneRequiredDestinations: ['ES', 'IT', 'PT', 'GR'],
  eurPerUnit: {
    EUR: 1, USD: 0.92, GBP: 1.17, CHF: 1.05, CNY: 0.127, HKD: 0.118, JPY: 0.0061, KRW: 0.00067, CAD: 0.67, MXN: 0.05, AUD: 0.6,
    NZD: 0.55, SEK: 0.087, DKK: 0.134, NOK: 0.086, PLN: 0.23, CZK: 0.04, HUF: 0.0025, RON: 0.2, BGN: 0.511, TRY: 0.027, INR: 0.011,
    SGD: 0.68, RUB: 0.01, BRL: 0.17, AED: 0.25, ILS: 0.25, ZAR: 0.05, THB: 0.026, TWD: 0.029, MYR: 0.2, PHP: 0.016, UAH: 0.022, VND: 0.000036,
  },
  valueFloors: [
    { hsPrefix: '851713', perUnitEur: 40, perKgEur: 150, label: 'smartphones' },
    { hsPrefix: '851714', perUnitEur: 8, label: 'mobile phones' },
    { hsPrefix: '847130', perUnitEur: 80, perKgEur: 50, label: 'laptops' },
    { hsPrefix: '9102', perUnitEur: 5, label: 'watches' },
    { hsPrefix: '3303', perUnitEur: 3, perKgEur: 20, label: 'perfumes' },
    { hsPrefix: '6403', perUnitEur: 8, label: 'leather footwear' },
    { hsPrefix: '6404', perUnitEur: 5, label: 'textile footwear' },
    { hsPrefix: '4202', perUnitEur: 3, label: 'bags and cases' },
    { hsPrefix: '7113', perKgEur: 100, label: 'jewellery of precious metal' },
    { hsPrefix: '42', perKgEur: 10, label: 'leather goods' },
    { hsPrefix: '61', perKgEur: 8, label: 'knitted apparel' },
    { hsPrefix: '62', perKgEur: 8, label: 'woven apparel' },
    { hsPrefix: '64', perKgEur: 5, label: 'footwear' },
    { hsPrefix: '84', perKgEur: 3, label: 'machinery' },
    { hsPrefix: '85', perKgEur: 10, label: 'electrical equipment' },
    { hsPrefix: '90', perKgEur: 10, label: 'optical and medical instruments' },
    { hsPrefix: '95', perKgEur: 3, label: 'toys and games' },
  ],
  deMinimis: Object.fromEntries(EU_MEMBER_STATES.map((c) => [c, { amount: 150, currency: 'EUR' }])),
  deMinimisBand: 0.1,
  splitShipment: { windowHours: 72, minParcels: 3 },
  counterfeit: { hsPrefixes: ['3303', '4202', '6403', '6404', '7113', '9102', '851713'], highRiskOrigins: ['CN', 'HK', 'TR', 'TH', 'VN'] },
  amendments: { windowHours: 24, maxInWindow: 3 },
  dangerousGoods: DEFAULT_DANGEROUS_GOODS,
  sanctions: DEFAULT_SANCTIONS_POLICY,
};
