// Parser for OFAC's sdn.csv. Kept here rather than using a shared CSV helper because the file has
// quirks of its own: no header, `-0-` for empty, unquoted fields padded with a space, CRLF, and a
// DOS end-of-file byte (0x1A) after the last row.

export type SanctionsEntryType = 'individual' | 'entity' | 'vessel' | 'aircraft';

export interface SanctionsEntry {
  entNum: number;
  name: string;
  type: SanctionsEntryType;
  programs: string[];
  aliases: string[];
}

const EMPTY = '-0-';

function splitCsv(text: string): string[][] {
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
      field = text.slice(from, i).replace(/\u001a/g, '').trim();
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

function value(field: string | undefined): string {
  const v = (field ?? '').trim();
  return v === EMPTY ? '' : v;
}

// An alias runs from `a.k.a. '` to the quote that ends the remark (followed by `;` or the final
// `.`). Matching the closing quote lazily but only there keeps apostrophes inside names
// ("'ABDEL' AZIZ BEN NARVAN'", "''FOOPIE''") intact. Formerly/now-known-as names are aliases too.
const ALIAS_RE = /\b[afn]\.k\.a\.\s+'(.+?)'(?=\s*;|\s*\.?\s*$)/g;

export function aliasesFromRemarks(remarks: string): string[] {
  const out: string[] = [];
  for (const m of remarks.matchAll(ALIAS_RE)) {
    const alias = m[1]!.replace(/^'+|'+$/g, '').trim();
    if (alias !== '' && !out.includes(alias)) out.push(alias);
  }
  return out;
}

function entryType(field: string): SanctionsEntryType {
  const t = value(field).toLowerCase();
  return t === 'individual' || t === 'vessel' || t === 'aircraft' ? t : 'entity';
}

/** Parses sdn.csv text. Rows without a numeric ent_num or a name are skipped, not fatal. */
export function parseSdnCsv(text: string): SanctionsEntry[] {
  const entries: SanctionsEntry[] = [];
  for (const row of splitCsv(text)) {
    const entNum = Number.parseInt(value(row[0]), 10);
    const name = value(row[1]);
    if (!Number.isFinite(entNum) || name === '') continue;
    const programs = value(row[3])
      .split(/\]\s*\[/)
      .map((p) => p.replace(/[[\]]/g, '').trim())
      .filter((p) => p !== '');
    entries.push({ entNum, name, type: entryType(row[2] ?? ''), programs, aliases: aliasesFromRemarks(value(row[11])) });
  }
  return entries;
}
