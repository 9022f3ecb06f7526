/**
 * Dependency rules (`npm run depcruise`, part of `npm test`): no import cycle, type-only imports
 * included, and the layer order of shared/design/ARCHITECTURE.md — each layer imports only the layers
 * below it. `domain/` is pure and its folders form a one-way chain (DOMAIN_CHAIN).
 */

/** src/domain/'s folders, lowest first: each may import only the folders before it. */
const DOMAIN_CHAIN = ['util', 'model', 'time', 'columns', 'grouping', 'filter', 'stats', 'summary', 'listing', 'report', 'scan'];

/** What domain/ may take from outside itself: exact decimals, time zones, phone numbers, and a few Node modules. */
const DOMAIN_OUTSIDE = [
  '^node_modules/(decimal\\.js|luxon|@types/luxon|libphonenumber-js)/',
  '^(node:)?(crypto|timers/promises|perf_hooks)$',
];

/** Small root files every layer above domain/ may use: the defaults, the logger, secrets, Prometheus helpers. */
const LEAVES = '^src/(defaults|logger|secret|prometheus)\\.ts$';

/** `from` may import nothing in src/ but its own folder, `below` and LEAVES (when `leaves`). */
const layer = (name, from, below, leaves = true) => ({
  name,
  severity: 'error',
  comment: `${from} imports only ${below.join(', ') || 'itself'}${leaves ? ' and the root leaves (defaults, logger, secret, prometheus)' : ''} (ARCHITECTURE.md, Layers)`,
  from: { path: `^src/${from}/` },
  to: { path: '^src/', pathNot: [`^src/(${[from, ...below].join('|')})/`, ...(leaves ? [LEAVES] : [])] },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle, type-only imports included: move the type or helper that sits in the wrong file.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-pure',
      severity: 'error',
      comment: 'domain/ imports nothing outside itself but DOMAIN_OUTSIDE (ARCHITECTURE.md: pure functions, no HTTP, no GraphQL).',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', ...DOMAIN_OUTSIDE] },
    },
    ...DOMAIN_CHAIN.slice(0, -1).map((folder, i) => ({
      name: `domain-chain-${folder}`,
      severity: 'error',
      comment: `domain/${folder}/ imports only ${DOMAIN_CHAIN.slice(0, i).join(', ') || 'itself'} (the chain ${DOMAIN_CHAIN.join(' → ')})`,
      from: { path: `^src/domain/${folder}/` },
      to: { path: `^src/domain/(${DOMAIN_CHAIN.slice(i + 1).join('|')})/` },
    })),
    layer('upstream-layer', 'upstream', ['domain']),
    layer('tracing-layer', 'tracing', ['upstream', 'domain'], false),
    layer('feed-layer', 'feed', ['tracing', 'upstream', 'domain']),
    layer('budget-layer', 'budget', ['upstream', 'domain'], false),
    {
      ...layer('store-layer', 'store', ['budget', 'feed', 'tracing', 'upstream', 'domain']),
      // The settings shapes a tier is opened with are config.ts's: read as types only (the next rule).
      to: { path: '^src/', pathNot: ['^src/(store|budget|feed|tracing|upstream|domain)/', LEAVES, '^src/config\\.ts$'] },
    },
    {
      ...layer('replicas-layer', 'replicas', ['store', 'budget', 'feed', 'tracing', 'upstream', 'domain']),
      to: { path: '^src/', pathNot: ['^src/(replicas|store|budget|feed|tracing|upstream|domain)/', LEAVES, '^src/config\\.ts$'] },
    },
    layer('mirror-layer', 'mirror', ['replicas', 'store', 'budget', 'feed', 'tracing', 'upstream', 'domain']),
    layer('scan-pool-layer', 'scan-pool', ['store', 'feed', 'domain'], false),
    {
      name: 'tiers-read-config-as-types',
      severity: 'error',
      comment: 'store/ and replicas/ take their settings as parameters; config.ts (which reads the environment) only names their types.',
      from: { path: '^src/(store|replicas)/' },
      to: { path: '^src/config\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    layer('schema-layer', 'schema', ['feed', 'domain'], false),
    layer('access-layer', 'access', ['domain'], false),
    {
      name: 'http-below-composition',
      severity: 'error',
      comment: 'http/ plugins are wired by the composition root (server, service, main), never the other way round.',
      from: { path: '^src/http/' },
      to: { path: '^src/(server|service|main|warm-up)\\.ts$' },
    },
    {
      name: 'simulator-apart',
      severity: 'error',
      comment: 'src/ never imports the simulator, except main.ts starting it in simulator mode.',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^simulator/' },
    },
    {
      name: 'simulator-knows-the-wire',
      severity: 'error',
      comment: 'The simulator speaks the wolkvox protocol (upstream/, domain/) and knows nothing of the graph.',
      from: { path: '^simulator/' },
      to: { path: '^src/', pathNot: '^src/(upstream|domain)/' },
    },
  ],
  options: {
    // Type-only imports count: a cycle closed by `import type` is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
