// The topology's sites (the console) as the local gateway serves them: built with esbuild in memory on first
// request (runtimes in tests that never open the console pay nothing, and start-up is not slowed), answered
// from memory under each site's path with the site headers (CSP and friends) and their content types. The gateway
// asks this module first and routes the request as usual when it answers false.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildSite, SITE_HEADERS, type SiteFile } from '../site';
import type { SiteDef } from '../topology-types';
import type { Log } from './log';

export interface StaticSites {
  /** Takes the request and returns true when it is a site's (answered once the site is built); false otherwise. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** Resolves with each site's files once built (rejects if a build failed). */
  built(): Promise<ReadonlyMap<string, readonly SiteFile[]>>;
}

const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string, head: boolean) => {
  res.writeHead(status, { ...SITE_HEADERS, ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(head ? undefined : body);
};
const text = { 'content-type': 'text/plain; charset=utf-8' };

export function startStaticSites(sites: readonly SiteDef[], log: Log, rootDir?: string): StaticSites {
  // Each site is built on its first request (a few hundred ms, once): start-up and runtimes that never serve it
  // pay nothing.
  const builds = new Map<string, Promise<Map<string, SiteFile>>>();
  const build = (def: SiteDef): Promise<Map<string, SiteFile>> => {
    let p = builds.get(def.name);
    if (!p) {
      p = buildSite(def, rootDir).then((files) => new Map(files.map((f) => [f.path, f])));
      p.then(
        () => log.info(`site ${def.name}: built`),
        (e) => log.error(`site ${def.name}: build failed`, e),
      );
      builds.set(def.name, p);
    }
    return p;
  };

  async function answer(def: SiteDef, path: string, head: boolean, res: ServerResponse): Promise<void> {
    let files: Map<string, SiteFile>;
    try {
      files = await build(def);
    } catch {
      return send(res, 500, text, 'The site could not be built: see the runtime log', head);
    }
    const rest = path.slice(def.path.length + 1);
    const file = files.get(rest === '' ? 'index.html' : rest);
    if (!file) send(res, 404, text, 'Not Found', head);
    else send(res, 200, { 'content-type': file.contentType }, file.body, head);
  }

  return {
    async built() {
      const out = new Map<string, SiteFile[]>();
      for (const def of sites) out.set(def.name, [...(await build(def)).values()]);
      return out;
    },
    serve(req, res) {
      const path = (req.url ?? '/').split('?')[0]!;
      const def = sites.find((d) => path === d.path || path.startsWith(`${d.path}/`));
      if (!def) return false;
      const head = req.method === 'HEAD';
      req.resume(); // a body, if any, is not read: drain it so the connection stays usable
      if (req.method !== 'GET' && !head) send(res, 405, { ...text, allow: 'GET, HEAD' }, 'Method Not Allowed', head);
      else void answer(def, path, head, res).catch((e) => (log.error(`site ${def.name}: ${path} failed`, e), res.destroy()));
      return true;
    },
  };
}
