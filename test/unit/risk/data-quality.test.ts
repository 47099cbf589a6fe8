import { validDeclaration } from '#test/fixtures/declarations';
import { assess, declaration, engine, hitsOf, line, withLines } from './support';

describe('DESCRIPTION_GENERIC', () => {
  it.each([
    ['Gift', ['gift']],
    ['2 x gifts', ['gifts']],
    ['Clothes and accessories', ['clothes', 'accessories']],
    ['Spare parts', ['spare parts']],
    ['SEE INVOICE', ['see invoice']],
    ['Personal effects', ['personal effects']],
    ['Daily necessities', ['daily necessities']],
    ['Cadeau', ['cadeau']],
    ['Geschenk', ['geschenk']],
    ['Pièces détachées', ['pieces detachees']],
    ['Regalo', ['regalo']],
    ['Zabawki', ['zabawki']],
    ['礼物', ['礼物']],
  ])('"%s" is too vague', (description, genericTerms) => {
    const a = assess(withLines([line('Cotton shirt', { hsCode: '610910' }), line(description, { hsCode: undefined })], { category: 'GIFT' }));
    expect(hitsOf(a, 'DESCRIPTION_GENERIC')).toEqual([expect.objectContaining({ points: 15, critical: false, pointer: '/contents/1/description', evidence: { description, genericTerms } })]);
  });

  it.each(['Baby clothes, cotton', 'Gift box of dark chocolate', 'Bicycle spare parts: brake pads', 'Toy car'])('"%s" says what the goods are', (description) => {
    expect(hitsOf(assess(withLines([line(description)])), 'DESCRIPTION_GENERIC')).toEqual([]);
  });
});

describe('DESCRIPTION_NOT_TEXT', () => {
  it.each(['12345', '---', '#1 / 2', '...'])('"%s" has no words', (description) => {
    const a = assess(withLines([line(description)]));
    expect(hitsOf(a, 'DESCRIPTION_NOT_TEXT')).toEqual([expect.objectContaining({ points: 20, pointer: '/contents/0/description', evidence: { description } })]);
    expect(hitsOf(a, 'DESCRIPTION_GENERIC')).toEqual([]);
  });

  it('accepts words in any script', () => {
    expect(hitsOf(assess(withLines([line('Кукла пластиковая')])), 'DESCRIPTION_NOT_TEXT')).toEqual([]);
  });
});

describe('VALUE_NOMINAL', () => {
  it.each([0, 1, 0.5])('value %s on SALE_OF_GOODS', (value) => {
    const a = assess(withLines([line('Plastic doll'), line('Wooden toy train', { value })]));
    expect(hitsOf(a, 'VALUE_NOMINAL')).toEqual([
      expect.objectContaining({ points: 20, pointer: '/contents/1/value', evidence: { value, currency: 'EUR', category: 'SALE_OF_GOODS', nominalValueMax: 1 } }),
    ]);
  });

  it('leaves real values and non-commercial categories alone', () => {
    expect(hitsOf(assess(withLines([line('Plastic doll', { value: 1.5 })])), 'VALUE_NOMINAL')).toEqual([]);
    expect(hitsOf(assess(withLines([line('Plastic doll', { value: 1 })], { category: 'GIFT' })), 'VALUE_NOMINAL')).toEqual([]);
  });
});

describe('GIFT_FROM_BUSINESS', () => {
  const gift = (overrides: Parameters<typeof validDeclaration>[0]) => declaration(validDeclaration({ category: 'GIFT', ioss: undefined, ...overrides }));

  it('flags a GIFT from a sender named like a company', () => {
    // The fixture's sender is "Muster Versand GmbH".
    const hits = hitsOf(assess(gift({})), 'GIFT_FROM_BUSINESS');
    expect(hits).toEqual([expect.objectContaining({ points: 25, pointer: '/category', evidence: { category: 'GIFT', signals: { nameMarker: 'gmbh' } } })]);
  });

  it.each([
    ['businessName', { businessName: 'Acme Online' }, { businessName: 'Acme Online' }],
    ['taxId', { taxId: 'DE123456789' }, { taxId: 'DE123456789' }],
  ])('flags a GIFT whose sender has a %s', (_, senderExtra, signals) => {
    const sender = { ...validDeclaration().sender, name: 'Anna Schmidt', ...senderExtra };
    expect(hitsOf(assess(gift({ sender })), 'GIFT_FROM_BUSINESS')[0]?.evidence).toEqual({ category: 'GIFT', signals });
  });

  it('flags a GIFT with an invoice number or an IOSS number', () => {
    const sender = { ...validDeclaration().sender, name: 'Anna Schmidt' };
    expect(hitsOf(assess(gift({ sender, invoiceNumber: 'F-001' })), 'GIFT_FROM_BUSINESS')[0]?.evidence).toEqual({ category: 'GIFT', signals: { invoiceNumber: 'F-001' } });
    expect(hitsOf(assess(gift({ sender, ioss: 'IM2760000001' })), 'GIFT_FROM_BUSINESS')[0]?.evidence).toEqual({ category: 'GIFT', signals: { ioss: 'IM2760000001' } });
  });

  it('accepts a gift between people, and business senders of sales', () => {
    const sender = { ...validDeclaration().sender, name: 'Maria Sá' };
    expect(hitsOf(assess(gift({ sender })), 'GIFT_FROM_BUSINESS')).toEqual([]);
    expect(hitsOf(assess(declaration(validDeclaration())), 'GIFT_FROM_BUSINESS')).toEqual([]);
  });
});

describe('RECIPIENT_PHONE_MISSING', () => {
  const toSpain = (phone?: string) =>
    declaration(validDeclaration({ destinationCountry: 'ES', recipient: { name: 'Lucía Pérez', address: { lines: ['Calle Mayor 3'], city: 'Madrid', postcode: '28013', countryCode: 'ES' }, phone } }));

  it('flags a missing phone where the destination requires one', () => {
    expect(hitsOf(assess(toSpain()), 'RECIPIENT_PHONE_MISSING')).toEqual([expect.objectContaining({ points: 10, pointer: '/recipient', evidence: { destinationCountry: 'ES' } })]);
  });

  it('accepts a phone, or a destination that does not require one', () => {
    expect(hitsOf(assess(toSpain('+34911234567')), 'RECIPIENT_PHONE_MISSING')).toEqual([]);
    const recipient = { ...validDeclaration().recipient, phone: undefined };
    expect(hitsOf(assess(declaration(validDeclaration({ recipient }))), 'RECIPIENT_PHONE_MISSING')).toEqual([]);
  });

  it('follows the configured list', () => {
    const e = engine('eu-west-1', { phoneRequiredDestinations: ['FR'] });
    const recipient = { ...validDeclaration().recipient, phone: undefined };
    expect(hitsOf(e.assess(declaration(validDeclaration({ recipient })), [], '2026-11-21T10:00:00Z'), 'RECIPIENT_PHONE_MISSING')).toHaveLength(1);
  });
});
