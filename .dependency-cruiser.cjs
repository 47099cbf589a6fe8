// Which way the dependencies point (`npm run deps`, part of `npm test`). The layers, inside out:
//
//   kernel    shared/page.ts, shared/util.ts, shared/http/problems.ts (the error codes and their HTTP statuses:
//             domain refusals are ApiErrors with a code), shared/topology-types.ts (a table's shape, env names)
//   domain    shared/{ead,reference,risk,parcels,webhooks,auth,demo,rule-lab}: the model, the rules and the ports.
//             May use the kernel and other domain modules, npm libraries (zod, ...), never the SDK, Powertools,
//             the adapters, the wiring, the HTTP layer or the functions.
//   adapters  shared/store (DynamoDB, SQS: implements the domain's ports, alone knows keys and shards),
//             shared/http (the handler wrapper, the cursor codec), shared/api (the OpenAPI document),
//             shared/observability.ts, shared/metrics.ts, shared/resources.ts (table and queue names)
//   wiring    shared/wiring/ (one module per concern: parcels, assess, risk, rule-lab, webhooks, api-keys): builds the
//             dependencies from the environment
//   functions functions/*: a handler parses, calls a use case with the wiring's ports, maps the result
//   infra     infra/ (the topology and its two renderings); infra/local also runs the app's start-up
//   test/     anything; nothing outside test/ imports it
//
// Exceptions are scoped to one file each, with the reason; remove them when that file changes.
const DOMAIN = '^shared/(ead|reference|risk|parcels|webhooks|auth|demo|rule-lab|screening)/';
const KERNEL = ['^shared/page[.]ts$', '^shared/util[.]ts$', '^shared/http/problems[.]ts$', '^shared/topology-types[.]ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties its modules into one: none may change or be read alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'runtime-not-to-test',
      severity: 'error',
      comment: 'Runtime code (what ships or runs with npm start) never imports test/: move what it needs into the runtime.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'domain-stays-inside',
      severity: 'error',
      comment: 'The domain imports only the domain and the kernel: adapters implement its ports, the wiring passes them in.',
      from: { path: DOMAIN },
      to: { pathNot: [DOMAIN, ...KERNEL, '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-no-sdk',
      severity: 'error',
      comment: 'The domain never talks to AWS nor logs through Powertools: that is what its ports are for.',
      from: { path: DOMAIN },
      to: { path: '^node_modules/(@aws-sdk|@aws-lambda-powertools|@middy)/' },
    },
    {
      name: 'kernel-stays-inside',
      severity: 'error',
      comment: 'The kernel is the innermost layer: it imports nothing of the project beyond itself (and the error codes of the declaration).',
      from: { path: KERNEL },
      to: { path: '^(shared|functions|infra)/', pathNot: [...KERNEL, '^shared/ead/errors[.]ts$'] },
    },
    {
      name: 'adapters-to-domain',
      severity: 'error',
      comment: 'Adapters (stores, HTTP, OpenAPI, logging) implement and serve the domain: they never reach the wiring, the functions or infra.',
      from: { path: ['^shared/(store|http|api)/', '^shared/(observability|metrics|resources)[.]ts$'] },
      to: { path: ['^shared/wiring/', '^functions/', '^infra/'] },
    },
    {
      name: 'functions-through-the-wiring',
      severity: 'error',
      comment: 'A handler gets its dependencies from shared/wiring/: it builds no store, client or queue itself, and reads no table or queue name.',
      from: { path: '^functions/' },
      to: { path: ['^shared/store/', '^shared/topology-types[.]ts$', '^infra/'] },
    },
    {
      name: 'functions-not-to-each-other',
      severity: 'error',
      comment: "A function's folder is its own: what two share lives in shared/.",
      from: { path: '^functions/([^/]+)/' },
      to: {
        path: '^functions/([^/]+)/',
        pathNot: ['^functions/$1/'],
      },
    },
    {
      name: 'wiring-not-outward',
      severity: 'error',
      comment: 'The wiring builds from shared/ alone: it never imports a function or infra.',
      from: { path: '^shared/wiring/' },
      to: { path: ['^functions/', '^infra/'] },
    },
    {
      name: 'infra-topology-types',
      severity: 'error',
      comment:
        'The topology and its CDK rendering see the application only through the topology types and the resource names. ' +
        'The local runtime (infra/local) runs the application and may use all of shared/.',
      from: { path: '^infra/', pathNot: '^infra/local/' },
      to: {
        path: '^(shared|functions)/',
        pathNot: [
          '^shared/topology-types[.]ts$',
          '^shared/resources[.]ts$',
          // EXCEPTION (until the tables' shapes move out of the stores, with the storage change): infra/topology.ts
          // takes each table's TableDef from its store file (ruleset-store and replay-store: the rulesets, replay and clearances changes).
          '^shared/store/(api-key-store|parcel-table|webhook-delivery-store|webhook-subscription-store|ruleset-store|replay-store|clearance-store)[.]ts$',
          // The same exception for the rule-performance day aggregates' table (performance-day-store).
          '^shared/store/performance-day-store[.]ts$',
          // Reference data the renderings read: the console's HS 2022 file (infra/site.ts parses its CSV) and the
          // country codes a region's configuration is checked against (infra/regions.ts).
          '^shared/reference/',
          '^shared/ead/schema[.]ts$',
        ],
      },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^console/dist/', '^cdk[.]out/'] },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
