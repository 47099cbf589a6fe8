// Headless Chromium for the console's tests and bench: puppeteer-core driving the Chromium that @sparticuz/chromium
// ships inside its npm package (it installs offline). Each page records console errors, page errors and failed
// requests, so a test can assert there were none; axe-core is run inside the page; screenshots go to test-output/.
/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const ROOT = join(__dirname, '..', '..');
/** Where the console's screenshots go (git-ignored; the README names it). */
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'console');

// Flags of the package's serverless profile that would weaken what the tests check (same-origin policy, mixed
// content) or that make several pages in one browser fragile (a single process).
const DROPPED_FLAGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process', '--disable-site-isolation-trials']);

/**
 * The binary's path (unpacked into the temp dir on first use) and the package's flags. @sparticuz/chromium is an ES
 * module only, which jest's CommonJS runtime cannot load: a short node process asks it instead.
 */
export function chromiumInstall(): { executablePath: string; args: string[] } {
  // Unpacked into a folder of its own per version (the package unpacks into the temp dir and reuses whatever it finds
  // there, also another version's graphics libraries, which crashes the browser).
  const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(ROOT, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  mkdirSync(dir, { recursive: true });
  const script = "import('@sparticuz/chromium').then(async ({ default: c }) => process.stdout.write(JSON.stringify({ executablePath: await c.executablePath(), args: c.args })))";
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: dir } })) as { executablePath: string; args: string[] };
}

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = chromiumInstall();
  return puppeteer.launch({ executablePath, headless: true, args: args.filter((a) => !DROPPED_FLAGS.has(a)), defaultViewport: { width: 1280, height: 800 } });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught page errors and failed requests seen so far. */
  problems: string[];
}

export async function watchedPage(browser: Browser, width = 1280, height = 800): Promise<WatchedPage> {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return { page, problems };
}

let axeSource: string | undefined;
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, not as a <script>: the console's CSP (script-src 'self') stays in force.
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(axeSource);
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  })) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshots of the page at 1280×800 and 390 px wide (full height), named `<name>-1280.png` and `<name>-390.png`. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewport() ?? { width: 1280, height: 800 };
  await page.setViewport({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-1280.png`) as `${string}.png` });
  await page.setViewport({ width: 390, height: 844 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-390.png`) as `${string}.png`, fullPage: true });
  await page.setViewport(before);
}

/** Signs in through the form, as a person does: the field labelled "API key", the button "Sign in". */
export async function signIn(page: Page, consoleUrl: string, key: string): Promise<void> {
  await page.goto(consoleUrl, { waitUntil: 'domcontentloaded' });
  const field = await page.waitForSelector('::-p-aria(API key)', { timeout: 10_000 });
  await field!.type(key);
  await (await page.waitForSelector('::-p-aria([name="Sign in"][role="button"])'))!.click();
  await page.waitForSelector('::-p-aria([name="Sign out"][role="button"])', { timeout: 10_000 });
}
