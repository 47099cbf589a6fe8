// Which IP addresses a webhook may be sent to. Everything that reaches into this deployment's own
// network (loopback, private, link-local, unique-local, cloud metadata) or is not a unicast internet
// address is refused; IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are
// judged by the IPv4 address inside them.
import { isIP } from 'node:net';

export const ADDRESS_CLASSES = ['public', 'loopback', 'private', 'shared', 'link-local', 'metadata', 'unique-local', 'unspecified', 'multicast', 'reserved'] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

interface Range {
  base: bigint;
  bits: number;
  cls: Exclude<AddressClass, 'public'>;
  name: string;
}

function v4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

/** 128-bit value of an IPv6 address (with or without an embedded dotted quad), or undefined. */
function v6(text: string): bigint | undefined {
  let s = text.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const groups: number[] = [];
  const quad = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  let tail: number[] = [];
  if (quad) {
    const n = v4(quad[1]!);
    if (n === undefined) return undefined;
    tail = [Number(n >> 16n), Number(n & 0xffffn)];
    s = s.slice(0, -quad[1]!.length);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const given = head.length + rest.length + tail.length;
  if ([...head, ...rest].some(Number.isNaN)) return undefined;
  if (halves.length === 1 && given !== 8) return undefined;
  if (halves.length === 2 && given > 7) return undefined;
  groups.push(...head, ...Array<number>(8 - given).fill(0), ...rest, ...tail);
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

const r4 = (cidr: string, cls: Range['cls'], name: string): Range => {
  const [a, bits] = cidr.split('/');
  return { base: v4(a!)!, bits: Number(bits), cls, name };
};
const r6 = (cidr: string, cls: Range['cls'], name: string): Range => {
  const [a, bits] = cidr.split('/');
  return { base: v6(a!)!, bits: Number(bits), cls, name };
};

// Most specific first: the metadata address is inside link-local, and is named as metadata.
const V4_RANGES: Range[] = [
  r4('169.254.169.254/32', 'metadata', 'cloud metadata service'),
  r4('0.0.0.0/32', 'unspecified', 'unspecified address'),
  r4('0.0.0.0/8', 'reserved', '"this network" (0.0.0.0/8)'),
  r4('10.0.0.0/8', 'private', 'private network 10.0.0.0/8'),
  r4('100.64.0.0/10', 'shared', 'shared address space 100.64.0.0/10 (carrier-grade NAT)'),
  r4('127.0.0.0/8', 'loopback', 'loopback 127.0.0.0/8'),
  r4('169.254.0.0/16', 'link-local', 'link-local 169.254.0.0/16'),
  r4('172.16.0.0/12', 'private', 'private network 172.16.0.0/12'),
  r4('192.0.0.0/24', 'reserved', 'IETF protocol assignments 192.0.0.0/24'),
  r4('192.0.2.0/24', 'reserved', 'documentation 192.0.2.0/24'),
  r4('192.168.0.0/16', 'private', 'private network 192.168.0.0/16'),
  r4('198.18.0.0/15', 'reserved', 'benchmarking 198.18.0.0/15'),
  r4('198.51.100.0/24', 'reserved', 'documentation 198.51.100.0/24'),
  r4('203.0.113.0/24', 'reserved', 'documentation 203.0.113.0/24'),
  r4('224.0.0.0/4', 'multicast', 'multicast 224.0.0.0/4'),
  r4('240.0.0.0/4', 'reserved', 'reserved 240.0.0.0/4 and broadcast'),
];

const V6_RANGES: Range[] = [
  r6('fd00:ec2::254/128', 'metadata', 'cloud metadata service (fd00:ec2::254)'),
  r6('::/128', 'unspecified', 'unspecified address ::'),
  r6('::1/128', 'loopback', 'loopback ::1'),
  r6('fe80::/10', 'link-local', 'link-local fe80::/10'),
  r6('fec0::/10', 'private', 'site-local fec0::/10'),
  r6('fc00::/7', 'unique-local', 'unique-local fc00::/7'),
  r6('ff00::/8', 'multicast', 'multicast ff00::/8'),
  r6('100::/64', 'reserved', 'discard prefix 100::/64'),
  r6('2001:db8::/32', 'reserved', 'documentation 2001:db8::/32'),
  r6('2001::/32', 'reserved', 'Teredo 2001::/32'),
];

const inRange = (value: bigint, width: number, r: Range) => value >> BigInt(width - r.bits) === r.base >> BigInt(width - r.bits);

/** The IPv4 address an IPv6 address carries, when it is one of the forms that route to it. */
function embeddedV4(n: bigint): bigint | undefined {
  const top96 = n >> 32n;
  const low32 = n & 0xffffffffn;
  if (top96 === 0xffffn) return low32; // ::ffff:a.b.c.d (mapped)
  if (top96 === 0xffff0000n) return low32; // ::ffff:0:a.b.c.d (translated)
  if (top96 === 0n && low32 > 1n) return low32; // ::a.b.c.d (compatible, deprecated)
  if (top96 === 0x64ff9b0000000000000000n) return low32; // 64:ff9b::/96 (NAT64)
  if (n >> 80n === 0x64ff9b0001n) return low32; // 64:ff9b:1::/48 (local NAT64)
  if (n >> 112n === 0x2002n) return (n >> 80n) & 0xffffffffn; // 2002::/16 (6to4)
  return undefined;
}

export interface AddressVerdict {
  address: string;
  family: 4 | 6;
  cls: AddressClass;
  /** Which range, for the problem's detail. */
  range?: string;
}

function classifyV4(n: bigint): Pick<AddressVerdict, 'cls' | 'range'> {
  const hit = V4_RANGES.find((r) => inRange(n, 32, r));
  return hit ? { cls: hit.cls, range: hit.name } : { cls: 'public' };
}

/** Classifies an IP literal (brackets allowed around IPv6); undefined when it is not one. */
export function classifyAddress(literal: string): AddressVerdict | undefined {
  const address = literal.startsWith('[') && literal.endsWith(']') ? literal.slice(1, -1) : literal;
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return { address, family: 4, ...classifyV4(v4(address)!) };
  if (family !== 6) return undefined;
  const n = v6(address);
  if (n === undefined) return undefined;
  const inner = embeddedV4(n);
  if (inner !== undefined) {
    const v = classifyV4(inner);
    return { address, family: 6, cls: v.cls, ...(v.range ? { range: `${v.range}, inside an IPv6 address` } : {}) };
  }
  const hit = V6_RANGES.find((r) => inRange(n, 128, r));
  return { address, family: 6, ...(hit ? { cls: hit.cls, range: hit.name } : { cls: 'public' }) };
}
