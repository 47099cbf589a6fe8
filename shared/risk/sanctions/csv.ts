// The CSV dialect of OFAC's files (sdn.csv, alt.csv, add.csv): no header, `-0-` for empty, unquoted
// fields padded with a space, CRLF, and a DOS end-of-file byte (0x1A) after the last row. Kept here
// rather than using a shared CSV helper because of those quirks.

export const EMPTY = '-0-';

export function splitCsv(text: string): string[][] {
  // Slices whole runs between quotes instead of appending characters: 4 MB parse in tens of ms.
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    let c = text.charCodeAt(i);
    while (c === 0x20) c = text.charCodeAt(++i);
    if (c === 0x22 /* " */) {
      field = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          field += text.slice(from);
          i = n;
          break;
        }
        field += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 0x22) {
          field += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      while (i < n && text.charCodeAt(i) !== 0x2c && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else {
      const from = i;
      while (i < n && (c = text.charCodeAt(i)) !== 0x2c && c !== 0x0a && c !== 0x0d) i++;
      field = text
        .slice(from, i)
        .replace(/\u001a/g, '')
        .trim();
    }
    row.push(field);
    const sep = text.charCodeAt(i);
    i++;
    if (sep === 0x2c) {
      if (i === n) row.push('');
      continue;
    }
    if (sep === 0x0d && text.charCodeAt(i) === 0x0a) i++;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

export function value(field: string | undefined): string {
  const v = (field ?? '').trim();
  return v === EMPTY ? '' : v;
}
