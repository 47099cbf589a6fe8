// Rules the topology must keep before anything is rendered, in both renderings: synth (infra/cdk/pipeline.ts) and the
// local runtime (infra/local/runtime.ts) fail with the rule that is broken, rather than CloudFormation (or a slow
// production incident) finding it later, and a topology that starts locally is one that deploys.
import type { Topology } from './topology-types';

/** AWS: a queue's visibility timeout is at least 6 × its consumer's timeout + batching window. */
export const VISIBILITY_FACTOR = 6;
/** Fewer receives send messages to the DLQ on a throttled or briefly failing consumer. */
export const MIN_MAX_RECEIVE_COUNT = 5;

export function topologyProblems(t: Topology): string[] {
  const problems: string[] = [];
  const fns = new Map(t.functions.map((f) => [f.name, f]));
  const queues = new Map(t.queues.map((q) => [q.name, q]));
  const tables = new Set(t.tables.map((x) => x.name));
  const buckets = new Set((t.buckets ?? []).map((b) => b.name));
  const dup = (kind: string, names: string[]) => {
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) problems.push(`${kind} '${n}' is declared twice`);
      seen.add(n);
    }
  };
  const declared: Record<string, string[]> = {
    function: t.functions.map((f) => f.name),
    queue: t.queues.map((q) => q.name),
    table: t.tables.map((x) => x.name),
    schedule: t.schedules.map((s) => s.name),
    route: t.routes.map((r) => `${r.method} ${r.path}`),
  };
  for (const [kind, names] of Object.entries(declared)) dup(kind, names);

  for (const f of t.functions) {
    for (const b of f.tables) if (!tables.has(b.table)) problems.push(`function '${f.name}' uses unknown table '${b.table}'`);
    for (const q of f.sends) if (!queues.has(q)) problems.push(`function '${f.name}' sends to unknown queue '${q}'`);
    for (const b of f.buckets ?? []) if (!buckets.has(b.bucket)) problems.push(`function '${f.name}' uses unknown bucket '${b.bucket}'`);
  }
  if (!fns.has(t.authorizer.function)) problems.push(`authorizer function '${t.authorizer.function}' is not declared`);
  // The authorizer counts every request for per-key throttling and answers a missing key itself: a cache (and the
  // identity source it needs) would skip both. The CDK rendering cannot render one; the local gateway has none.
  if (t.authorizer.cacheTtlSeconds !== 0) {
    problems.push(`authorizer cacheTtlSeconds is ${t.authorizer.cacheTtlSeconds}: the authorizer counts every request for throttling and answers missing keys itself, so it cannot be cached`);
  }
  for (const r of t.routes) if (!fns.has(r.function)) problems.push(`route ${r.method} ${r.path} targets unknown function '${r.function}'`);
  for (const s of t.schedules) if (!fns.has(s.function)) problems.push(`schedule '${s.name}' targets unknown function '${s.function}'`);
  for (const q of t.queues) {
    if (q.maxReceiveCount < MIN_MAX_RECEIVE_COUNT) problems.push(`queue '${q.name}': maxReceiveCount ${q.maxReceiveCount} < ${MIN_MAX_RECEIVE_COUNT}`);
  }
  problems.push(...eventSourceProblems(t, fns, queues), ...siteProblems(t, dup));
  return problems;
}

/** Each event source's queue and function exist, and the queue's visibility covers the function's retries. */
function eventSourceProblems(t: Topology, fns: Map<string, Topology['functions'][number]>, queues: Map<string, Topology['queues'][number]>): string[] {
  const problems: string[] = [];
  for (const es of t.eventSources) {
    const q = queues.get(es.queue);
    const f = fns.get(es.function);
    if (!q) problems.push(`event source targets unknown queue '${es.queue}'`);
    if (!f) problems.push(`event source targets unknown function '${es.function}'`);
    if (!q || !f) continue;
    const needed = VISIBILITY_FACTOR * f.timeoutSeconds + es.maxBatchingWindowSeconds;
    if (q.visibilityTimeoutSeconds < needed) {
      problems.push(
        `queue '${q.name}': visibility timeout ${q.visibilityTimeoutSeconds} s < ${VISIBILITY_FACTOR} × '${f.name}' timeout ${f.timeoutSeconds} s + batching window ${es.maxBatchingWindowSeconds} s = ${needed} s`,
      );
    }
  }
  return problems;
}

/** Sites: named once, one path segment, hiding no route. */
function siteProblems(t: Topology, dup: (kind: string, names: string[]) => void): string[] {
  const problems: string[] = [];
  const sites = t.sites ?? [];
  dup(
    'site',
    sites.map((x) => x.name),
  );
  for (const site of sites) {
    if (!/^\/[a-z0-9][a-z0-9-]*$/.test(site.path)) problems.push(`site '${site.name}': path '${site.path}' must be one segment like '/console' (no trailing slash)`);
    for (const r of t.routes) if (r.path === site.path || r.path.startsWith(`${site.path}/`)) problems.push(`site '${site.name}' at ${site.path} hides route ${r.method} ${r.path}`);
  }
  return problems;
}

export function assertTopology(t: Topology): void {
  const problems = topologyProblems(t);
  if (problems.length) throw new Error(`the topology breaks ${problems.length} rule(s):\n  - ${problems.join('\n  - ')}`);
}
