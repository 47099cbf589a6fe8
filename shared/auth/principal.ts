// Who is calling: the principal an API key stands for, and what each role may do (CONTRACT section 1).
import { z } from 'zod';
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

const TenantId = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'tenantId is 1 to 64 letters, digits, dots, dashes or underscores' });

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

/** Who a parcel's submitter is, as stored in `submittedBy`: a platform's tenant, a post's country, or admin. */
export function submitterOf(p: Principal): string {
  if (p.role === 'platform') return p.tenantId!;
  if (p.role === 'post') return `post:${p.country}`;
  return p.role;
}

export const maySubmit = (p: Principal) => p.role === 'platform' || p.role === 'post' || p.role === 'admin';
export const mayDecide = (p: Principal, destinationCountry: string) => p.role === 'admin' || (p.role === 'customs' && p.country === destinationCountry);
export const mayManageKeys = (p: Principal) => p.role === 'admin';

/** What a parcel shows of itself for visibility decisions. */
export interface ParcelScope {
  submittedBy: string;
  originCountry: string;
  destinationCountry: string;
}

/** CONTRACT section 1: a parcel the caller may not see answers 404, like one that does not exist. */
export function maySee(p: Principal, parcel: ParcelScope): boolean {
  switch (p.role) {
    case 'admin':
      return true;
    case 'platform':
      return parcel.submittedBy === p.tenantId;
    case 'post':
      return parcel.originCountry === p.country || parcel.destinationCountry === p.country || parcel.submittedBy === submitterOf(p);
    case 'customs':
      return parcel.destinationCountry === p.country;
  }
}
