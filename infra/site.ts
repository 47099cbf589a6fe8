// A topology site (the console) built into its files, the same way for both renderings: the local gateway serves
// them from memory (infra/local/static-site.ts), the CDK app uploads them to the site's bucket (infra/cdk/site-stack.ts).
// Also the headers every file of a site is served with: one Content-Security-Policy for both.
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { build, buildSync, type BuildOptions, type BuildResult } from 'esbuild';
import { parseCsv } from '../shared/reference/csv';
import type { SiteDef } from './topology-types';

/**
 * Nothing but the site's own files: no inline script or style, no eval, no other origin (the API is on the same
 * origin: the gateway locally, a CloudFront behaviour for /v1/* in AWS), no framing, no form posts anywhere.
 */
export const SITE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SITE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': SITE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // The files are small and change with each deploy; revalidating keeps a stale app from calling a newer API.
  'cache-control': 'no-cache',
};

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (file: string): string => CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

export interface SiteFile {
  /** Relative to the site's path, e.g. 'app.js'. */
  path: string;
  body: Buffer;
  contentType: string;
}

/** The HS 2022 subheadings' descriptions, fetched by the parcel page only (not in the bundle). */
export const HS_LOOKUP_FILE = 'hs-2022.json';

const ROOT = join(__dirname, '..');

function esbuildOptions(def: SiteDef, rootDir: string): BuildOptions {
  return {
    entryPoints: [join(rootDir, def.entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    sourcemap: 'linked',
    write: false,
    outfile: join(rootDir, def.dir, 'app.js'),
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/** index.html names its files under %BASE% (the site's path with a slash), so the app works at /console and /console/. */
function staticFiles(def: SiteDef, rootDir: string): SiteFile[] {
  const dir = join(rootDir, def.dir);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(html|css|svg|png|txt|webmanifest)$/.test(e.name))
    .map((e) => {
      let body = readFileSync(join(dir, e.name));
      if (e.name.endsWith('.html')) body = Buffer.from(body.toString('utf8').replaceAll('%BASE%', `${def.path}/`));
      return { path: e.name, body, contentType: contentTypeOf(e.name) };
    });
}

/** code → description of each HS 2022 subheading (6 digits), from the same reference data the engine reads. */
export function hsLookup(rootDir = ROOT): Buffer {
  const rows = parseCsv(readFileSync(join(rootDir, 'shared', 'reference', 'data', 'harmonized-system-2022.csv'), 'utf8'));
  const out: Record<string, string> = {};
  for (const [section, code, description, , level] of rows.slice(1)) {
    if (section && section !== 'TOTAL' && level === '6' && code && description) out[code] = description;
  }
  return Buffer.from(JSON.stringify(out));
}

function filesOf(def: SiteDef, rootDir: string, result: BuildResult): SiteFile[] {
  const bundled = (result.outputFiles ?? []).map((f) => {
    const name = f.path.slice(dirname(f.path).length + 1);
    return { path: name, body: Buffer.from(f.contents), contentType: contentTypeOf(name) };
  });
  return [...staticFiles(def, rootDir), ...bundled, { path: HS_LOOKUP_FILE, body: hsLookup(rootDir), contentType: contentTypeOf(HS_LOOKUP_FILE) }];
}

export async function buildSite(def: SiteDef, rootDir = ROOT): Promise<SiteFile[]> {
  return filesOf(def, rootDir, await build(esbuildOptions(def, rootDir)));
}

/** For synth, which is synchronous. */
export function buildSiteSync(def: SiteDef, rootDir = ROOT): SiteFile[] {
  return filesOf(def, rootDir, buildSync(esbuildOptions(def, rootDir)));
}

export function writeSite(files: SiteFile[], outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const f of files) writeFileSync(join(outDir, f.path), f.body);
}
