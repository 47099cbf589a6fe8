// What the console reads from the public API (CONTRACT sections 1 to 5), as plain types: the console has no code
// of the server's, only its contract.

export type Role = 'platform' | 'post' | 'customs' | 'admin';

/** GET /v1/whoami */
export interface Identity {
  keyId: string;
  role: Role;
  tenantId?: string;
  country?: string;
}

export const CUSTOMS_RESPONSE_CODES = ['RELEASED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION', 'DO_NOT_LOAD', 'DETAINED', 'REFUSED'] as const;
export type CustomsResponseCode = (typeof CUSTOMS_RESPONSE_CODES)[number];
export type ParcelStatus = 'RECEIVED' | CustomsResponseCode;
export const STATUSES: readonly ParcelStatus[] = ['RECEIVED', ...CUSTOMS_RESPONSE_CODES];

export interface Hit {
  ruleId: string;
  pointer: string;
  message: string;
  /** customs and admin only */
  points?: number;
  evidence?: Record<string, unknown>;
  critical?: boolean;
}

export interface Assessment {
  rulesetVersion: string;
  assessedAt: string;
  hits: Hit[];
  /** customs and admin only */
  score?: number;
  level?: string;
  engineResponse?: CustomsResponseCode;
}

export interface CustomsResponse {
  code: CustomsResponseCode;
  edifact7365: string | null;
  issuedAt: string;
  issuedBy: string;
  reasons: string[];
}

export interface HistoryEntry {
  at: string;
  type: string;
  version: number;
  status?: ParcelStatus;
  code?: CustomsResponseCode;
  issuedBy?: string;
  reasons?: string[];
  submittedBy?: string;
  changes?: string[];
  /** parcel.inspected */
  result?: 'FOUND' | 'NOTHING_FOUND';
  findings?: string[];
  notes?: string;
}

export interface Address {
  lines?: string[];
  city?: string;
  postcode?: string;
  state?: string;
  countryCode?: string;
}

export interface Party {
  name?: string;
  businessName?: string;
  address?: Address;
  email?: string;
  phone?: string;
  taxId?: string;
}

export interface ContentLine {
  description?: string;
  quantity?: number;
  netWeightKg?: number;
  value?: number;
  hsCode?: string;
  originCountry?: string;
}

export interface Declaration {
  itemId?: string;
  declarationType?: string;
  category?: string;
  categoryExplanation?: string;
  postingDate?: string;
  originCountry?: string;
  destinationCountry?: string;
  sender?: Party;
  recipient?: Party;
  contents?: ContentLine[];
  grossWeightKg?: number;
  currency?: string;
  totalValue?: number;
  postage?: number;
  insuredValue?: number;
  ioss?: string;
  invoiceNumber?: string;
  licenceNumbers?: string[];
  certificateNumbers?: string[];
  comments?: string;
  [field: string]: unknown;
}

export interface Parcel {
  itemId: string;
  version: number;
  status: ParcelStatus;
  submittedBy: string;
  receivedAt: string;
  updatedAt: string;
  declaration?: Declaration;
  assessment?: Assessment;
  customsResponse?: CustomsResponse;
  history: HistoryEntry[];
}

export interface ParcelPage {
  items: Parcel[];
  cursor?: string;
}

/** RFC 9457 problem details, as every error of the API is. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: { pointer: string; code?: string; detail?: string }[];
  errorCount?: number;
}

/** POST /v1/declarations/check */
export interface CheckResult {
  valid: boolean;
  errors: { pointer: string; code: string; detail: string }[];
  findings: { ruleId: string; pointer: string; message: string }[];
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  description?: string;
  status: 'active' | 'disabled';
  disabledReason?: string;
  createdAt: string;
}

export interface DeliveryAttempt {
  eventId: string;
  eventType: string;
  itemId: string;
  attempt: number;
  attemptedAt: string;
  statusCode?: number;
  latencyMs: number;
  error?: string;
  outcome: string;
  nextAttemptAt?: string;
  replay?: boolean;
}
