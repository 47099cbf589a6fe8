// The lab benches' traffic (./lab-replay.ts, ./lab-replay-ab.ts): n declarations to FR, every engine verdict, and
// split shipments (three parts to one recipient); other recipients are unique.
import type { DeclarationInput } from '#shared/ead/index';
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { splitPart } from '../fixtures/replay-traffic';
import { s10 } from '../helpers/s10';

const NAMES = ['Claire Martin', 'Jeanne Moreau', 'Luc Bernard', 'Sophie Dubois', 'Marc Petit', 'Anne Leroy', 'Paul Girard'];

export function labTraffic(n: number): DeclarationInput[] {
  const kinds = [ENGINE_VERDICTS.RELEASED, ENGINE_VERDICTS.RELEASED, ENGINE_VERDICTS.INFORMATION_REQUESTED, ENGINE_VERDICTS.HELD_FOR_INSPECTION, ENGINE_VERDICTS.DO_NOT_LOAD, () => splitPart('')];
  return Array.from({ length: n }, (_, i) => {
    const d = kinds[i % kinds.length]!();
    const name = i % kinds.length === kinds.length - 1 ? `${NAMES[0]} ${Math.floor(i / (3 * kinds.length))}` : `${NAMES[i % NAMES.length]} ${i}`;
    return { ...d, itemId: s10(80_000_000 + i, 'CP', 'DE'), recipient: { ...d.recipient, name } };
  });
}
