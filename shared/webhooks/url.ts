// Webhook URL safety (CONTRACT section 5): https only; http (and https) to loopback only where the
// local runtime allows it; never an address inside a private network or the cloud's metadata service.
// Checked when a subscription is made and again, on freshly resolved addresses, before every delivery.
import { type AddressVerdict, classifyAddress } from './address';

export interface UrlPolicy {
  /** Set by the local runtime only (WEBHOOK_ALLOW_HTTP_LOOPBACK=true): receivers on this machine. */
  allowLoopback: boolean;
}

export type UrlRefusalCode = 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_NOT_HTTPS' | 'WEBHOOK_URL_FORBIDDEN_ADDRESS' | 'WEBHOOK_URL_UNRESOLVABLE';

export type UrlVerdict = { ok: true; url: URL; hostname: string; literal?: AddressVerdict } | { ok: false; code: UrlRefusalCode; detail: string };

const refuse = (code: UrlRefusalCode, detail: string): UrlVerdict => ({ ok: false, code, detail });

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

function addressAllowed(v: AddressVerdict, policy: UrlPolicy): string | undefined {
  if (v.cls === 'public') return undefined;
  if (v.cls === 'loopback' && policy.allowLoopback) return undefined;
  return `${v.address} is ${v.range ?? v.cls}; webhooks are only sent to public internet addresses`;
}

/** What the URL itself says (scheme, credentials, IP literals); host names are checked by `vetAddresses`. */
export function classifyWebhookUrl(raw: string, policy: UrlPolicy): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('WEBHOOK_URL_INVALID', 'the url is not an absolute URL');
  }
  if (url.username || url.password) return refuse('WEBHOOK_URL_INVALID', 'the url must not carry credentials (user:password@); authenticate by the signature');
  if (url.hash) return refuse('WEBHOOK_URL_INVALID', 'the url must not have a #fragment');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('WEBHOOK_URL_NOT_HTTPS', `webhook urls must use https, not ${url.protocol.replace(/:$/, '')}`);
  const hostname = url.hostname.toLowerCase();
  if (!hostname) return refuse('WEBHOOK_URL_INVALID', 'the url has no host');
  const literal = classifyAddress(hostname);
  const loopback = literal ? literal.cls === 'loopback' : isLoopbackName(hostname);
  if (url.protocol === 'http:') {
    if (!(loopback && policy.allowLoopback)) return refuse('WEBHOOK_URL_NOT_HTTPS', `webhook urls must use https${policy.allowLoopback ? ' (http only to loopback)' : ''}`);
  }
  if (literal) {
    const why = addressAllowed(literal, policy);
    if (why) return refuse('WEBHOOK_URL_FORBIDDEN_ADDRESS', why);
  } else if (loopback && !policy.allowLoopback) {
    return refuse('WEBHOOK_URL_FORBIDDEN_ADDRESS', `${hostname} is loopback; webhooks are only sent to public internet addresses`);
  }
  return { ok: true, url, hostname, ...(literal ? { literal } : {}) };
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (node:dns/promises lookup with all: true, in production). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type VettedTarget = { ok: true; url: URL; hostname: string; address: string; family: 4 | 6 } | { ok: false; code: UrlRefusalCode; detail: string };

/**
 * The address to connect to, when the URL and every address its host resolves to are allowed.
 * Every address must pass (not just one): a host that also resolves to a private address is refused,
 * so round-robin DNS cannot smuggle one in. The caller connects to exactly the returned address.
 */
export async function vetWebhookTarget(raw: string, policy: UrlPolicy, resolve: Resolver): Promise<VettedTarget> {
  const v = classifyWebhookUrl(raw, policy);
  if (!v.ok) return v;
  if (v.literal) return { ok: true, url: v.url, hostname: v.hostname, address: v.literal.address, family: v.literal.family };
  let found: ResolvedAddress[];
  try {
    found = await resolve(v.hostname);
  } catch (err) {
    return { ok: false, code: 'WEBHOOK_URL_UNRESOLVABLE', detail: `${v.hostname} could not be resolved (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (found.length === 0) return { ok: false, code: 'WEBHOOK_URL_UNRESOLVABLE', detail: `${v.hostname} has no addresses` };
  let first: AddressVerdict | undefined;
  for (const a of found) {
    const verdict = classifyAddress(a.address);
    if (!verdict) return { ok: false, code: 'WEBHOOK_URL_UNRESOLVABLE', detail: `${v.hostname} resolved to something that is not an IP address` };
    const why = addressAllowed(verdict, policy);
    if (why) return { ok: false, code: 'WEBHOOK_URL_FORBIDDEN_ADDRESS', detail: `${v.hostname} resolves to ${why}` };
    first ??= verdict;
  }
  return { ok: true, url: v.url, hostname: v.hostname, address: first!.address, family: first!.family };
}
