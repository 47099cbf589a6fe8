// Who is calling: the principal an API key stands for, and what each role may do (CONTRACT section 1).
import * as z from 'zod';
import { CountryCode } from '../ead/schema';

export const ROLES = ['platform', 'post', 'customs', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The API key's id (never the key itself). */
  keyId: string;
  role: Role;
  /** platform keys */
  tenantId?: string;
  /** post and customs keys */
  country?: string;
}

/**
 * Words a tenant id may not be: they name other principals or the engine, and an id equal to one of them could be
 * mistaken for it wherever ids are shown or compared (CONTRACT section 3).
 */
export const RESERVED_TENANT_IDS: ReadonlySet<string> = new Set(['admin', 'post', 'customs', 'platform', 'risk-engine', 'system', 'root', 'anonymous']);
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Whether a tenant id may stand for a platform: the shape, and none of the reserved words (in any case). */
export const isValidTenantId = (t: unknown): t is string => typeof t === 'string' && TENANT_ID.test(t) && !RESERVED_TENANT_IDS.has(t.toLowerCase());

// Not trimmed: an id with surrounding spaces is refused, not silently made equal to another one.
const TenantId = z
  .string()
  .regex(TENANT_ID, { message: 'tenantId is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  .refine((t) => !RESERVED_TENANT_IDS.has(t.toLowerCase()), { message: `tenantId may not be a reserved word (${[...RESERVED_TENANT_IDS].join(', ')})` });

/** The body of POST /v1/admin/api-keys. */
export const ApiKeyRequest = z
  .discriminatedUnion('role', [
    z.strictObject({ role: z.literal('platform'), tenantId: TenantId, description: z.string().trim().max(256).optional() }),
    z.strictObject({ role: z.literal('post'), country: CountryCode, description: z.string().trim().max(256).optional() }),
    z.strictObject({ role: z.literal('customs'), country: CountryCode, description: z.string().trim().max(256).optional() }),
    z.strictObject({ role: z.literal('admin'), description: z.string().trim().max(256).optional() }),
  ])
  .meta({ id: 'ApiKeyRequest' });
export type ApiKeyRequest = z.output<typeof ApiKeyRequest>;

/**
 * Who a parcel's submitter is, as stored in `submittedBy`: a namespaced principal that no key of another role can
 * produce: `platform:<tenantId>`, `post:<country>`, `admin:<keyId>`. (Parcels stored before namespacing carry a bare
 * tenant id or `admin`: such ids match no key, so those parcels are seen by country and by admin only: fail closed.)
 */
export function submitterOf(p: Principal): string {
  if (p.role === 'platform') return `platform:${p.tenantId}`;
  if (p.role === 'post') return `post:${p.country}`;
  return `${p.role}:${p.keyId}`;
}

/** The country that issued an S10 item identifier: its last two letters. */
export const issuingCountryOf = (itemId: string): string => itemId.slice(-2);

/**
 * The post of the country that issued an S10 identifier may always declare it: a claim by another filer does not
 * block it (CONTRACT section 3), so nobody can squat an itemId to keep its own post out.
 */
export const isIssuingPost = (p: Principal, itemId: string): boolean => p.role === 'post' && p.country === issuingCountryOf(itemId);

export const maySubmit = (p: Principal) => (p.role === 'platform' && isValidTenantId(p.tenantId)) || p.role === 'post' || p.role === 'admin';
export const mayDecide = (p: Principal, destinationCountry: string) => p.role === 'admin' || (p.role === 'customs' && p.country === destinationCountry);
export const mayManageKeys = (p: Principal) => p.role === 'admin';

/** What a parcel shows of itself for visibility decisions. */
export interface ParcelScope {
  submittedBy: string;
  originCountry: string;
  destinationCountry: string;
}

/** Customs and admin see the risk reasoning (every hit with its evidence); filers and posts see what to fix (CONTRACT section 4). */
export const seesRiskReasoning = (p: Pick<Principal, 'role'>): boolean => p.role === 'customs' || p.role === 'admin';

/** CONTRACT section 1: a parcel the caller may not see answers 404, like one that does not exist. */
export function maySee(p: Principal, parcel: ParcelScope): boolean {
  switch (p.role) {
    case 'admin':
      return true;
    case 'platform':
      return isValidTenantId(p.tenantId) && parcel.submittedBy === submitterOf(p);
    case 'post':
      return parcel.originCountry === p.country || parcel.destinationCountry === p.country || parcel.submittedBy === submitterOf(p);
    case 'customs':
      return parcel.destinationCountry === p.country;
  }
}
