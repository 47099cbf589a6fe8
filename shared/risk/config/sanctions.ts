// Default sanctions screening policy. A name match alone, however strong, is a possible match: the parcel
// is held for an officer to review (SANCTIONS_POSSIBLE_MATCH). It is a confirmed match, and the parcel is
// not loaded (SANCTIONS_CONFIRMED_MATCH), only when the list entry itself corroborates it: an identifier
// the declaration gives equals one the entry lists, a country the entry names is the party's address
// country, or an entity is matched by a business name. Regions override what their law asks.
import type { RulesConfigInput } from './schema';

export const DEFAULT_SANCTIONS_POLICY: RulesConfigInput['sanctions'] = {
  // Where the listed person comes from or lives; a registration country (entities) is left out by default:
  // many listed companies are registered where innocent senders of the same trade are.
  countryRoles: ['nationality', 'citizenship', 'placeOfBirth', 'address'],
  identifiers: {
    // A tax number is compared with the list's tax, national and registration numbers: in many countries one
    // number is all three (Iran's National ID, Mexico's R.F.C. and C.U.R.P.).
    taxId: ['taxId', 'nationalId', 'registration'],
    email: ['email'],
    phone: ['phone'],
    ioss: ['taxId', 'registration'],
  },
  entityByBusinessName: true,
  businessWords: [
    'bank',
    'banco',
    'banque',
    'trading',
    'trade',
    'shipping',
    'logistics',
    'industries',
    'industry',
    'industrial',
    'group',
    'holding',
    'holdings',
    'international',
    'enterprise',
    'enterprises',
    'establishment',
    'organization',
    'organisation',
    'foundation',
    'institute',
    'ministry',
    'exchange',
    'petroleum',
    'petrochemical',
    'airlines',
    'airways',
    'shop',
    'store',
    'export',
    'import',
    'services',
    'technology',
    'technologies',
  ],
  decisions: {
    strong: { identifier: 'SANCTIONS_CONFIRMED_MATCH', country: 'SANCTIONS_CONFIRMED_MATCH', entity: 'SANCTIONS_CONFIRMED_MATCH', none: 'SANCTIONS_POSSIBLE_MATCH' },
    // A weak name match with an identifier of the entry is worth an officer's look; with a country alone it is not.
    weak: { identifier: 'SANCTIONS_POSSIBLE_MATCH', country: 'SANCTIONS_WEAK_MATCH', entity: 'SANCTIONS_WEAK_MATCH', none: 'SANCTIONS_WEAK_MATCH' },
  },
};
