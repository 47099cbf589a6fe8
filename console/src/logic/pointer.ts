// JSON pointers (RFC 6901) into a declaration: what each hit, error and amendment points at, in words, and which
// field of the laid-out declaration to highlight for it.

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export const joinPointer = (tokens: readonly (string | number)[]): string => (tokens.length === 0 ? '' : '/' + tokens.map((t) => String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'));

const FIELD_WORDS: Record<string, string> = {
  itemId: 'item id',
  declarationType: 'declaration type',
  category: 'category',
  categoryExplanation: 'explanation of the category',
  postingDate: 'posting date',
  originCountry: 'country of origin',
  destinationCountry: 'destination country',
  sender: 'sender',
  recipient: 'recipient',
  contents: 'contents',
  grossWeightKg: 'gross weight (kg)',
  currency: 'currency',
  totalValue: 'total value',
  postage: 'postage',
  insuredValue: 'insured value',
  ioss: 'IOSS number',
  invoiceNumber: 'invoice number',
  licenceNumbers: 'licence numbers',
  certificateNumbers: 'certificate numbers',
  comments: 'comments',
  name: 'name',
  businessName: 'business name',
  address: 'address',
  lines: 'street lines',
  city: 'city',
  postcode: 'postcode',
  state: 'state',
  countryCode: 'country',
  email: 'email',
  phone: 'phone',
  taxId: 'tax id',
  description: 'description',
  quantity: 'quantity',
  netWeightKg: 'net weight (kg)',
  value: 'value',
  hsCode: 'HS code',
};

/** A pointer in words: '/contents/1/hsCode' → 'line 2, HS code'; '' → 'the whole declaration'. */
export function pointerInWords(pointer: string): string {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return 'the whole declaration';
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (/^\d+$/.test(t)) {
      const n = Number(t) + 1;
      if (prev === 'contents') words[words.length - 1] = `line ${n}`;
      else if (prev === 'lines') words[words.length - 1] = `street line ${n}`;
      else words.push(`item ${n}`);
    } else {
      words.push(FIELD_WORDS[t] ?? t);
    }
  }
  return words.join(', ');
}

/**
 * The field to highlight for a pointer: the pointer itself when the layout shows that field, else its nearest
 * ancestor that it shows ('/recipient/address/lines/0' → '/recipient/address' when only the address is laid out).
 * Undefined when nothing on the page holds it.
 */
export function highlightTarget(pointer: string, shown: ReadonlySet<string>): string | undefined {
  let tokens = parsePointer(pointer);
  for (;;) {
    const p = joinPointer(tokens);
    if (shown.has(p)) return p;
    if (tokens.length === 0) return undefined;
    tokens = tokens.slice(0, -1);
  }
}

/** Which shown field each annotation lands on: target pointer → the indexes of the annotations it carries. */
export function highlightsFor(pointers: readonly string[], shown: ReadonlySet<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  pointers.forEach((p, i) => {
    const target = highlightTarget(p, shown);
    if (target === undefined) return;
    out.set(target, [...(out.get(target) ?? []), i]);
  });
  return out;
}
