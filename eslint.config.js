// Lint errors fail `npm test`. The import rules below enforce the dependency rule of docs/style:
// domain <- app <- adapters <- main.ts; teams-ai/botbuilder only in the Teams adapter and the delivery
// transport, restify only in the HTTP edge (README "Layout": what a move to another Teams library rewrites).
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const frameworks = [
  '@microsoft/teams-ai',
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'restify',
  '@azure/*',
  'better-sqlite3',
  'pino',
  'node:*',
  'fs',
  'path',
  'crypto',
];

/**
 * The only files that may import teams-ai, botbuilder or botframework-*: the adapter from teams-ai to the
 * bot's own turn layer (src/adapters/teams/turn.ts) and the delivery transport (proactive sends).
 */
const teamsLibraryFiles = ['src/adapters/teams/teams-ai/**/*.ts', 'src/adapters/teams/delivery/**/*.ts'];
/** The only file that may import restify: the HTTP edge, which hands the bot a parsed activity. */
const httpEdgeFiles = ['src/adapters/http/server.ts'];

const teamsLibraries = {
  group: ['@microsoft/teams-ai', '@microsoft/teams-ai/*', 'botbuilder', 'botbuilder/*', 'botbuilder-*', 'botframework-*'],
  message:
    'Only src/adapters/teams/teams-ai (the adapter to the turn layer) and src/adapters/teams/delivery (the transport) may import teams-ai or botbuilder: register on BotRoutes from src/adapters/teams/turn.ts.',
};
/**
 * Follow-up work (who is told, which cards are updated) is decided and scheduled in one place: the use cases
 * hand their events to src/app/dispatch-case-change.ts. A feature handler returns its answer and nothing more.
 */
const followUpModules = {
  group: ['**/app/dispatch-case-change', '**/app/route-to-inbox', '**/app/route-to-unit', '**/app/route-input-request', '**/app/queue-reminder'],
  message: 'Feature handlers do not start follow-up work: the use case hands its events to src/app/dispatch-case-change.ts, which schedules it.',
};
const actionExecuteSelector = {
  selector: "MemberExpression[property.name='actionExecute']",
  message: 'Register card actions with BotRoutes.cardAction (src/adapters/teams/turn.ts): its adapter never edits the shared message.',
};
const featureFiles = ['src/adapters/teams/features/**/*.ts'];
const httpLibraries = {
  group: ['restify', 'restify/*', 'restify-*'],
  message: 'Only src/adapters/http/server.ts may import restify: the bot gets a parsed activity, not a request.',
};

/**
 * Adapters do not reach into each other: the Teams adapter talks to the clock, the store and the rest through
 * the ports in src/app/ports/ (card views read Stockholm dates from the Clock port, not from the system clock).
 * Logging (src/adapters/log) is the one adapter every other adapter may use. Relative paths that climb out of
 * src/adapters/teams into a sibling adapter folder are refused (no folder inside teams/ has these names).
 */
const otherAdaptersFromTeams = {
  regex: '^(\\.\\./)+(adapters/)?(clock|store|scheduler|background|ids|http|calendar)(/|$)',
  message: 'The Teams adapter reaches other adapters only through the ports in src/app/ports/ (the Clock port for Stockholm time).',
};
/**
 * The same boundary for the stores: a statistics row's Stockholm dates come from the StockholmTime port that the
 * composition root injects (src/run.ts), not from the system-clock adapter. Logging stays allowed; store's own
 * folders (sqlite, cosmos) have none of these names.
 */
const storeFiles = ['src/adapters/store/**/*.ts'];
const otherAdaptersFromStore = {
  regex: '^(\\.\\./)+(adapters/)?(clock|teams|scheduler|background|ids|http|calendar)(/|$)',
  message: 'A store reaches other adapters only through the ports in src/app/ports/ (the injected StockholmTime port for Stockholm dates).',
};

export default tseslint.config(
  // The bench's bundles while it runs (its servers, the start-up section's build of dist/) are build output too.
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'test-artifacts/**', '**/.servers-*/**', '.bench-startup-*/**', '.build-test-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
    },
  },
  // ESLint does not merge rule options across blocks: each file gets exactly one of these three (the Teams,
  // store, domain and app blocks below replace them with stricter lists).
  {
    // No import cycles anywhere in src/ (issue 13). Type-only imports are erased by the compiler, so the rule
    // does not count them: a cycle it reports is one that exists at run time.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: [...teamsLibraryFiles, ...httpEdgeFiles],
    rules: { 'no-restricted-imports': ['error', { patterns: [teamsLibraries, httpLibraries] }] },
  },
  {
    files: teamsLibraryFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [httpLibraries] }] },
  },
  {
    files: httpEdgeFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [teamsLibraries] }] },
  },
  // The Teams adapter's files again, with the same library patterns plus the boundary to the other adapters.
  {
    files: ['src/adapters/teams/**/*.ts'],
    ignores: teamsLibraryFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [teamsLibraries, httpLibraries, otherAdaptersFromTeams] }] },
  },
  {
    files: teamsLibraryFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [httpLibraries, otherAdaptersFromTeams] }] },
  },
  // The stores' files again, with the same library patterns plus the boundary to the other adapters.
  {
    files: storeFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [teamsLibraries, httpLibraries, otherAdaptersFromStore] }] },
  },
  {
    // teams-ai's actionExecute edits the shared message with one person's view when a card has `refresh`
    // (see src/adapters/teams/teams-ai/teams-ai-routes.ts): every card action goes through onCardAction there.
    files: ['src/**/*.ts'],
    ignores: ['src/adapters/teams/teams-ai/teams-ai-routes.ts'],
    rules: {
      'no-restricted-syntax': ['error', actionExecuteSelector],
    },
  },
  {
    // Replaces the two rules above for features (ESLint does not merge rule options): the same bans plus follow-up work.
    files: featureFiles,
    rules: {
      'no-restricted-imports': ['error', { patterns: [teamsLibraries, httpLibraries, otherAdaptersFromTeams, followUpModules] }],
      'no-restricted-syntax': [
        'error',
        actionExecuteSelector,
        {
          selector: "MemberExpression[property.name='background']",
          message: 'Feature handlers do not schedule background work: the use case dispatches its change (src/app/dispatch-case-change.ts).',
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'The domain is pure: no frameworks, I/O or Node built-ins.' },
            { group: ['zod', 'zod/*'], message: 'zod belongs to the boundaries, not the domain.' },
            { group: ['**/app/**', '**/adapters/**', '**/config/**'], message: 'The domain imports nothing outward.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Take time as a value (Clock port).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take time as a value (Clock port).' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Take randomness from the IdSource port.' },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'Use cases talk to ports, not to frameworks.' },
            { group: ['**/adapters/**'], message: 'Use cases import only the domain and ports.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the Clock port.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the Clock port.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the IdSource port.' },
      ],
    },
  },

);
