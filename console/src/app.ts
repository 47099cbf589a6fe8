// What every page is given: the API, who is signed in, where to draw, and how to leave (navigate, timers to stop).
import type { Api } from './api';
import type { Identity } from './logic/types';

export interface PageContext {
  api: Api;
  who: Identity;
  /** The page's own element (inside <main>); emptied between pages. */
  root: HTMLElement;
  /** Base URL of the console's own files, e.g. '/console/'. */
  base: string;
  navigate(hash: string): void;
  /** Registers what must stop when the page is left (polling timers). */
  onLeave(stop: () => void): void;
  /** Whether the page is still the one shown (an answer arriving after navigation is dropped). */
  alive(): boolean;
}

export type Page = (ctx: PageContext, param?: string) => void | Promise<void>;

export const ROLE_WORDS: Record<Identity['role'], string> = { customs: 'Customs', post: 'Post', platform: 'Platform', admin: 'Admin' };

export const whoInWords = (who: Identity): string => `${ROLE_WORDS[who.role]}${who.country ? ` ${who.country}` : ''}${who.tenantId ? ` ${who.tenantId}` : ''}`;

export const mayCheck = (who: Identity): boolean => who.role !== 'customs';

/** Refresh interval of the lists; short enough to feel live, long enough to stay cheap (one page read). */
export const POLL_MS = 4000;
