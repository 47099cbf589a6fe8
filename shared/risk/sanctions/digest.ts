// A stable hash of everything the list says about one entry: its name, type, programmes, title, the
// Remarks text, its aliases and addresses (sorted, so a release that reorders alt.csv or add.csv rows
// does not change it). Clearances of a listed party are tied to it: when the entry changes, they end.
import { createHash } from 'node:crypto';
import type { SanctionsEntry } from './sdn-csv';

export function entryDigest(entry: SanctionsEntry): string {
  const canonical = {
    entNum: entry.entNum,
    name: entry.name,
    type: entry.type,
    programs: [...entry.programs].sort(),
    title: entry.title,
    remarks: entry.remarks,
    aliases: [...entry.aliases].sort(),
    addresses: entry.addresses.map((a) => [a.address, a.cityStatePostal, a.country].join('\u001f')).sort(),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
