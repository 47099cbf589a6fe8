// One browser for a console test file: launched once, every page it opens watched (console errors, page errors,
// failed requests) and closed at the end; `checkPage` is what every console page must be (no serious or critical
// axe-core violation, no problem seen) with its screenshots. The console tests used to copy these lines each.
/// <reference lib="dom" />
import type { Browser, Page } from 'puppeteer-core';
import { axeViolations, launchBrowser, screenshots, watchedPage, type WatchedPage } from './browser';

export interface ConsoleSession {
  /** A new watched page in the shared browser (closed by `close`). */
  open(width?: number, height?: number): Promise<WatchedPage>;
  /** Closes every page, then the browser; never throws. */
  close(): Promise<void>;
}

export async function consoleSession(): Promise<ConsoleSession> {
  const browser: Browser = await launchBrowser();
  const pages: WatchedPage[] = [];
  return {
    async open(width, height) {
      const w = await watchedPage(browser, width, height);
      pages.push(w);
      return w;
    },
    async close() {
      await Promise.allSettled(pages.map((p) => p.page.close()));
      await browser.close().catch(() => undefined);
    },
  };
}

/** What every page must be: no serious or critical axe violation, no console error or failed request so far; then screenshots. */
export async function checkPage(w: WatchedPage, name: string): Promise<void> {
  expect(await axeViolations(w.page)).toEqual([]);
  await screenshots(w.page, name);
  expect(w.problems).toEqual([]);
}

/** A puppeteer ARIA selector: by accessible name, and role when given. */
export const byName = (name: string, role?: string): string => `::-p-aria(${role ? `[name="${name}"][role="${role}"]` : name})`;

/** Picks an option of the select with this accessible name by the option's value (waiting up to 20 s for the select). */
export async function choose(page: Page, label: string, value: string): Promise<void> {
  const el = await page.waitForSelector(byName(label, 'combobox'), { timeout: 20_000 });
  await el!.select(value);
}

/**
 * Clicks what `selector` finds once it is there, visible, enabled and still (a puppeteer locator, retried up to
 * `timeoutMs`): a page that draws more above it (a report, a table) moves it, and an element handle found before
 * that can be clicked where it no longer is ("Node is either not clickable").
 */
export async function clickWhenReady(page: Page, selector: string, timeoutMs = 20_000): Promise<void> {
  await page.locator(selector).setTimeout(timeoutMs).click();
}
