// Who the console acts as, behind one small interface, so an identity provider (Cognito, OIDC: a token obtained by a
// redirect, refreshed by the provider's library) can replace API keys without touching a page: pages only ask for
// `headers()` and the identity, and call `signOut()`.
//
// Today: an API key, held in sessionStorage only (this tab, gone when it closes; never localStorage, never a URL),
// forgotten on sign-out. The identity comes from the API itself (GET /v1/whoami), never from the key's text.
import type { Identity } from './logic/types';

export interface Auth {
  /** The headers that authenticate a request, or undefined when signed out. */
  headers(): Record<string, string> | undefined;
  identity(): Identity | undefined;
  /** Checks the credential with the API; keeps it only when the API accepts it. */
  signIn(credential: string): Promise<Identity>;
  /** Picks up the session of this tab (after a reload), if any. */
  restore(): Promise<Identity | undefined>;
  signOut(): void;
}

const STORAGE_KEY = 'ead-console.api-key';

export class SignInError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function apiKeyAuth(baseUrl: string, storage: Storage = sessionStorage): Auth {
  let who: Identity | undefined;

  async function whoami(key: string): Promise<Identity> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/v1/whoami`, { headers: { authorization: `Bearer ${key}`, accept: 'application/json' } });
    } catch {
      throw new SignInError('The API could not be reached.', 0);
    }
    const body = (await res.json().catch(() => undefined)) as (Identity & { detail?: string; title?: string }) | undefined;
    if (res.status === 401 || res.status === 403) throw new SignInError(body?.detail ?? 'This API key is not valid (unknown or revoked).', res.status);
    if (!res.ok || !body?.role) throw new SignInError(body?.detail ?? `The API answered ${res.status} to GET /v1/whoami.`, res.status);
    return { keyId: body.keyId, role: body.role, ...(body.tenantId ? { tenantId: body.tenantId } : {}), ...(body.country ? { country: body.country } : {}) };
  }

  return {
    headers() {
      const key = storage.getItem(STORAGE_KEY);
      return key ? { authorization: `Bearer ${key}` } : undefined;
    },
    identity: () => who,
    async signIn(credential) {
      const key = credential.trim();
      if (!key) throw new SignInError('Enter an API key.', 400);
      who = await whoami(key);
      storage.setItem(STORAGE_KEY, key);
      return who;
    },
    async restore() {
      const key = storage.getItem(STORAGE_KEY);
      if (!key) return undefined;
      try {
        who = await whoami(key);
        return who;
      } catch (e) {
        if (e instanceof SignInError && (e.status === 401 || e.status === 403)) storage.removeItem(STORAGE_KEY);
        return undefined;
      }
    },
    signOut() {
      storage.removeItem(STORAGE_KEY);
      who = undefined;
    },
  };
}
