// The CONTRACT's example declaration (section 2), in one place: the OpenAPI document shows it, the demo's samples
// (shared/demo/samples.ts) and the tests' record factories (test/fixtures/declarations.ts) build on it.
import type { DeclarationInput } from './schema';

/** The CONTRACT's example declaration: shown in the OpenAPI document, the demo's samples and the tests' base declaration. */
export const EXAMPLE_DECLARATION: DeclarationInput = {
  itemId: 'CP719248650DE',
  declarationType: 'CN23',
  category: 'SALE_OF_GOODS',
  postingDate: '2026-11-20',
  originCountry: 'DE',
  destinationCountry: 'FR',
  sender: { name: 'Muster Versand GmbH', address: { lines: ['Hauptstrasse 5'], city: 'Berlin', postcode: '10115', countryCode: 'DE' }, email: 'ops@muster.example', phone: '+49301234567' },
  recipient: { name: 'Claire Martin', address: { lines: ['12 rue de la Paix'], city: 'Paris', postcode: '75002', countryCode: 'FR' }, phone: '+33612345678' },
  contents: [
    { description: "Men's cotton T-shirt, printed", quantity: 2, netWeightKg: 0.4, value: 30.0, hsCode: '610910', originCountry: 'PT' },
    { description: 'Leather wallet', quantity: 1, netWeightKg: 0.1, value: 20.0, hsCode: '420232', originCountry: 'IT' },
  ],
  grossWeightKg: 0.62,
  currency: 'EUR',
  totalValue: 50.0,
  postage: 9.5,
  ioss: 'IM2760000001',
};

/** A copy of the example with some fields replaced (a fresh object each call, so callers may mutate it). */
export function exampleDeclaration(overrides: Partial<DeclarationInput> = {}): DeclarationInput {
  return { ...structuredClone(EXAMPLE_DECLARATION), ...overrides };
}
