// Named sample declarations for the risk engine: each shows one kind of risk, and the local
// runtime's --demo sends them as sample parcels (runtime code: the tests use them too, through
// test/fixtures/risk-declarations.ts). All are valid per CONTRACT section 2 (S10 item ids with
// correct check digits), so they exercise scoring, not validation.
import type { DeclarationInput } from '../ead';
import { exampleDeclaration as validDeclaration } from '../ead/example';

const shenzhenSender = {
  name: 'Chen Jianguo',
  address: { lines: ['88 Huaqiang North Road'], city: 'Shenzhen', postcode: '518031', countryCode: 'CN' },
  phone: '+8675512345678',
};

/** The CONTRACT's example: clean, released. */
export const clean = (): DeclarationInput => validDeclaration();

/** A pistol declared under HS 9503 (toys): caught by the description. DO_NOT_LOAD. */
export const pistolAsToy = (): DeclarationInput =>
  validDeclaration({
    itemId: 'CP123456785CN',
    originCountry: 'CN',
    sender: shenzhenSender,
    contents: [{ description: 'Glock 19 pistol, toy', quantity: 1, netWeightKg: 0.7, value: 45, hsCode: '950300', originCountry: 'CN' }],
    grossWeightKg: 0.9,
    totalValue: 45,
    ioss: undefined,
  });

/** A smartphone declared at 1.00 EUR from a counterfeit-prone origin. HELD_FOR_INSPECTION. */
export const undervaluedPhone = (): DeclarationInput =>
  validDeclaration({
    itemId: 'CP234567895CN',
    originCountry: 'CN',
    sender: shenzhenSender,
    contents: [{ description: 'Smartphone 6.7 inch, 256 GB', quantity: 1, netWeightKg: 0.22, value: 1, hsCode: '851713', originCountry: 'CN' }],
    grossWeightKg: 0.4,
    totalValue: 1,
    ioss: undefined,
  });

/** Headphones declared as a gift by a trading company with a tax id and an invoice. INFORMATION_REQUESTED. */
export const giftFromBusiness = (): DeclarationInput =>
  validDeclaration({
    itemId: 'RR456789015CN',
    declarationType: 'CN22',
    category: 'GIFT',
    originCountry: 'CN',
    sender: { ...shenzhenSender, name: 'Pearl River Gadgets Co., Ltd', taxId: '91440300MA5F0XXXXX' },
    contents: [{ description: 'Bluetooth headphones', quantity: 1, netWeightKg: 0.3, value: 25, hsCode: '851830', originCountry: 'CN' }],
    grossWeightKg: 0.45,
    totalValue: 25,
    invoiceNumber: 'INV-2026-11-0042',
    ioss: undefined,
  });

/** A parcel to a person on the OFAC SDN list (entry 7182). DO_NOT_LOAD with the real screener. */
export const sanctionedRecipient = (): DeclarationInput =>
  validDeclaration({
    itemId: 'LX345678909DE',
    recipient: {
      name: 'Eusebio Arzallus Tapia',
      address: { lines: ['Calle Mayor 3'], city: 'Madrid', postcode: '28013', countryCode: 'ES' },
      phone: '+34911234567',
    },
    destinationCountry: 'ES',
  });

/** A gift described only as "Gift". INFORMATION_REQUESTED. */
export const vagueDescription = (): DeclarationInput =>
  validDeclaration({
    itemId: 'RR789012341CN',
    declarationType: 'CN22',
    category: 'GIFT',
    originCountry: 'GB',
    sender: { name: 'Tom Baker', address: { lines: ['1 High Street'], city: 'Leeds', postcode: 'LS1 1AA', countryCode: 'GB' } },
    contents: [{ description: 'Gift', quantity: 1, netWeightKg: 0.5, value: 20 }],
    grossWeightKg: 0.7,
    currency: 'GBP',
    totalValue: 20,
    ioss: undefined,
  });

/** Every sample by name, with the response the default eu-west-1 rules give it. */
export const RISK_SAMPLES: Record<string, { declaration: () => DeclarationInput; expected: string }> = {
  clean: { declaration: clean, expected: 'RELEASED' },
  'pistol-as-toy': { declaration: pistolAsToy, expected: 'DO_NOT_LOAD' },
  'undervalued-phone': { declaration: undervaluedPhone, expected: 'HELD_FOR_INSPECTION' },
  'gift-from-business': { declaration: giftFromBusiness, expected: 'INFORMATION_REQUESTED' },
  'sanctioned-recipient': { declaration: sanctionedRecipient, expected: 'DO_NOT_LOAD' },
  'vague-description': { declaration: vagueDescription, expected: 'INFORMATION_REQUESTED' },
};
