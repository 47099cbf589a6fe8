// The recipient fingerprint: one key per person-at-address, insensitive to how a platform spells
// them (case, accents, punctuation, spacing, "MARTIN Claire" vs "Claire Martin"). The storage layer
// indexes parcels by it so the split-shipment rule can ask for "recent parcels to this recipient".
// It is a hash so that index keys carry no readable personal data.
import { createHash } from 'node:crypto';
import type { Party } from '../ead/schema';
import { foldText } from './text';

export type RecipientParty = Pick<Party, 'name'> & { address: Pick<Party['address'], 'lines' | 'city' | 'postcode' | 'countryCode'> };

const squeeze = (s: string | undefined) => (s === undefined ? '' : foldText(s).replace(/ /g, ''));

/** The normalised, readable key the fingerprint is a hash of (useful in tests and investigations). */
export function recipientKey(p: RecipientParty): string {
  const name = foldText(p.name).split(' ').sort().join(' ');
  const lines = p.address.lines.map(foldText).join(' ');
  return [p.address.countryCode.toUpperCase(), squeeze(p.address.postcode), squeeze(p.address.city), name, lines].join('|');
}

/** Stable across releases (changing it orphans the history index): sha256 of recipientKey, base64url, 22 chars. */
export function recipientFingerprint(p: RecipientParty): string {
  return createHash('sha256').update(recipientKey(p)).digest('base64url').slice(0, 22);
}
