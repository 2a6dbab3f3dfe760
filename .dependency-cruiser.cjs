// @ts-check
/**
 * Layering of Rådslag, checked by a tool rather than by memory (docs/architecture.md):
 *
 *   bot/, tab/, src/http  ──►  src/app  ──►  src/domain
 *                              ▲
 *   src/store, src/graph ──────┘ (implement the ports declared in src/app/ports/, one module per concern)
 *
 *   tab/, src/http  ──►  src/contract (the tab API's types, shared; it sees only src/domain)
 *
 *   src/main.ts is the composition root: the only place that wires SDKs, store, bot and server together.
 *
 * Run by `npm run lint` as `depcruise src bot tests tab --config .dependency-cruiser.cjs`.
 * NB: scripts/ is only checked when it is passed on the command line; bench/ is excluded (options below).
 */
const { builtinModules } = require('node:module');

/** Node built-ins as dependency-cruiser names them once resolved ("fs", "node:fs", "node:test", …). */
const NODE_BUILTIN = `^(node:)?(${builtinModules.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`;

/** An npm package, by name, wherever it is resolved (its JS or its @types). */
const pkg = (/** @type {string} */ namePattern) => `(^|/)node_modules/(@types/)?(${namePattern})(/|$)`;

/** The Bot Framework SDK and the HTTP server framework: transport, not app. */
const BOT_SDK = pkg('botbuilder|botbuilder-[^/]+|botframework-[^/]+');
const RESTIFY = pkg('restify|restify-[^/]+');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    /* ---------------- Layering (docs/architecture.md) ---------------- */
    {
      name: 'no-domain-to-outside',
      comment:
        'src/domain holds pure types and rules: no I/O, no SDK, no packages, no Node built-ins. ' +
        'It may import only other modules in src/domain, and the pure calendar library date-holidays.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', pkg('date-holidays')] },
    },
    {
      name: 'holidays-in-one-place',
      comment: 'Swedish public holidays come from date-holidays through src/domain/stockholm-time.ts only.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '^src/domain/stockholm-time\\.ts$' },
      to: { path: pkg('date-holidays') },
    },
    {
      name: 'app-only-domain',
      comment:
        'src/app (use cases) may import only src/app and src/domain. Store, Graph, HTTP, bot, tab and ' +
        'their packages (botbuilder, restify, @microsoft/*, @azure/*, kysely, pg, better-sqlite3, …) are reached ' +
        'through the ports in src/app/ports/ (one module per aggregate or concern), wired in src/main.ts.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: '^src/(app|domain)/' },
    },
    {
      name: 'store-not-bot-http',
      comment: 'src/store implements the repository ports; it knows nothing of the bot, the HTTP server or the tab.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: ['^(bot|tab)/', '^src/http/', '^src/main\\.ts$', BOT_SDK, RESTIFY] },
    },
    {
      name: 'http-not-store-or-bot-internals',
      comment:
        'src/http carries HTTP only: it calls use cases in src/app (and may use src/config types). It must not ' +
        'reach into src/store or src/domain, nor into bot/ or the Bot Framework SDK (src/main.ts hands it the ' +
        'bot endpoint).',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: ['^src/(store|domain)/', '^bot/', BOT_SDK] },
    },
    {
      name: 'bot-not-store-or-http',
      comment:
        'bot/ calls use cases in src/app (docs/architecture.md: bot/, tab/ and src/http call src/app); ' +
        'repositories and the server are wired in src/main.ts.',
      severity: 'error',
      from: { path: '^bot/' },
      to: { path: ['^src/(store|http)/', '^src/main\\.ts$'] },
    },
    {
      name: 'sdk-contained',
      comment:
        'botbuilder / botframework-* / restify may be imported only by bot/, src/http/, the composition root ' +
        'src/main.ts and tests/. Everything else sees ports.',
      severity: 'error',
      from: { pathNot: ['^bot/', '^src/http/', '^src/main\\.ts$', '^tests/'] },
      to: { path: [BOT_SDK, RESTIFY] },
    },
    {
      name: 'tab-browser-only',
      comment: 'tab/ runs in the browser (Teams web view): no Node built-ins, directly or through what it imports.',
      severity: 'error',
      from: { path: '^tab/' },
      to: { path: NODE_BUILTIN, reachable: true },
    },
    {
      name: 'tab-not-server-code',
      comment:
        'tab/ talks to the server over the tab API only: of the server side it may import only the shared ' +
        'contract in src/contract/ — never src/http, src/store, src/app, src/main.ts or bot/.',
      severity: 'error',
      from: { path: '^tab/' },
      to: { path: ['^src/', '^bot/'], pathNot: '^src/contract/' },
    },
    {
      name: 'tab-contract-types-only',
      comment: 'The tab takes only types from the API contract (`import type`), so no server code reaches its bundle.',
      severity: 'error',
      from: { path: '^tab/' },
      to: { path: '^src/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contract-only-domain',
      comment:
        'src/contract (the tab API shared by src/http and tab/) is types and pure constants: it may import only ' +
        'src/contract and src/domain — no app, HTTP, store, packages or Node built-ins.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { pathNot: '^src/(contract|domain)/' },
    },
    {
      name: 'not-to-tests',
      comment: 'Production code must not import test code (fakes, helpers, tests).',
      severity: 'error',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },

    /* ---------------- Hygiene ---------------- */
    {
      name: 'no-circular',
      comment: 'Circular dependencies hide layering mistakes and make load order fragile; invert one edge via a port.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-dev-dep',
      comment:
        'src/ and bot/ ship to production (npm ci --omit=dev): they must not import devDependencies at run time. ' +
        'Type-only imports (e.g. from @types/*) are fine.',
      severity: 'error',
      from: { path: '^(src|bot)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '(^|/)node_modules/@types/' },
    },
    {
      name: 'no-non-package-json',
      comment: 'Imports a package that is not declared in package.json (it only works by accident of hoisting).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'This import cannot be resolved to a file on disk.',
      severity: 'warn',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that imports nothing: likely dead code. Use it or remove it.',
      severity: 'warn',
      from: {
        orphan: true,
        pathNot: [
          '^tests/', // tests are entry points for jest
          '^scripts/', // scripts are entry points for tsx
          '\\.d\\.[cm]?ts$',
          '(^|/)\\.[^/]+\\.(js|cjs|mjs|ts|json)$', // dot-files (.dependency-cruiser.cjs, …)
          '(^|/)[^/]+\\.config\\.(js|cjs|mjs|ts)$', // jest.config.js, eslint.config.mjs, vite.config.ts, …
          '(^|/)tsconfig[^/]*\\.json$',
        ],
      },
      to: {},
    },
  ],

  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^(dist|build|coverage|data)/', '^tab/dist/', '^bench/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
