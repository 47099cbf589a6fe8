// Route matching with API Gateway HTTP API path syntax: literal segments, `{param}` (one segment)
// and `{proxy+}` (greedy, the rest of the path). Like API Gateway, the most specific route wins,
// whatever the declaration order.
import type { HttpMethod, RouteDef } from '../topology-types';

interface CompiledRoute {
  route: RouteDef;
  regex: RegExp;
  names: string[];
  /** Sort key: greedy routes last, then routes with more parameters, then shorter paths. */
  rank: [number, number, number];
}

export interface RouteMatch {
  route: RouteDef;
  /**
   * Values percent-decoded exactly once, as API Gateway HTTP API passes them in payload 2.0 (`/v1/parcels/a%20b`
   * gives `a b`, `%25` gives `%`); undefined when the route has none. Handlers use them as they are and never
   * decode again (shared/http/api.ts pathParam).
   */
  pathParameters?: Record<string, string>;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(route: RouteDef): CompiledRoute {
  const names: string[] = [];
  let params = 0;
  let greedy = 0;
  const parts = route.path
    .split('/')
    .slice(1)
    .map((seg) => {
      const m = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(seg);
      if (!m) return escapeRegex(seg);
      names.push(m[1]!);
      params++;
      if (m[2]) {
        greedy = 1;
        return '(.+)';
      }
      return '([^/]+)';
    });
  const segments = route.path.split('/').length;
  return { route, names, regex: new RegExp(`^/${parts.join('/')}$`), rank: [greedy, params, -segments] };
}

const byRank = (a: CompiledRoute, b: CompiledRoute) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2];

/** One decode of a matched segment; a malformed escape (`%ZZ`, a lone `%`, invalid UTF-8) leaves the value as sent. */
function decode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // malformed escapes: passed through rather than failing the request; the handler finds nothing by it
  }
}

export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: RouteDef[]) {
    const seen = new Set<string>();
    for (const r of routes) {
      if (seen.has(routeKey(r))) throw new Error(`duplicate route ${routeKey(r)}`);
      seen.add(routeKey(r));
    }
    this.compiled = routes.map(compile).sort(byRank);
  }

  /** `rawPath` is the path as received (still percent-encoded), without the query string. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    for (const c of this.compiled) {
      if (c.route.method !== (method.toUpperCase() as HttpMethod)) continue;
      const m = c.regex.exec(rawPath);
      if (!m) continue;
      if (c.names.length === 0) return { route: c.route };
      const pathParameters: Record<string, string> = {};
      c.names.forEach((name, i) => (pathParameters[name] = decode(m[i + 1]!)));
      return { route: c.route, pathParameters };
    }
    return undefined;
  }
}
