// ESLint flat config. Syntax-only typescript-eslint rules (no type information) to keep
// `npm run lint` fast; `tsc -b` does the type checking. The boundary rules below are
// STYLE.md habit 10: shared stays pure, clients never reach into server, renderers
// never touch electron.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CLIENT_DIRS = ['web', 'display', 'counter-client', 'kiosk'];

// Node built-ins, bare (`fs`, `fs/promises`, `crypto`, …). `node:*` is a pattern below.
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

const SHARED_RULE = {
  paths: NODE_BUILTINS.map((name) => ({
    name,
    message: 'shared/ must run in the browser too: no Node built-ins (pass values in instead).',
  })),
  patterns: [
    {
      group: ['node:*'],
      message: 'shared/ must run in the browser too: no Node built-ins (pass values in instead).',
    },
    {
      group: ['@jiaohao/*', '!@jiaohao/shared'],
      message: 'shared/ imports no other workspace.',
    },
    {
      group: ['socket.io', 'socket.io/*', 'fastify', 'fastify/*', '@fastify/*', 'better-sqlite3'],
      message: 'shared/ holds pure rules: server libraries belong in server/.',
    },
    {
      // From shared/src/<file>, `../../` is outside the shared workspace.
      group: ['../../*'],
      message: 'shared/ may not reach outside its own folder.',
    },
  ],
};

const CLIENT_PATTERNS = [
  {
    group: ['@jiaohao/server', '@jiaohao/server/*', '**/server/**'],
    message: 'Clients import @jiaohao/shared, never the server.',
  },
];

const RENDERER_PATTERNS = [
  {
    group: ['electron', 'electron/*'],
    message: 'Renderers never import electron: use the functions the preload exposes.',
  },
];

const SHELL_PATTERNS = [
  {
    group: ['**/renderer/**', '@jiaohao/kiosk/renderer/**'],
    message: 'The Electron shell loads the renderer from the server; it never imports it.',
  },
];

const SANDBOXED_MESSAGE =
  'Runs sandboxed or in a page: no Node built-ins (a sandboxed preload can require electron only).';

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '.scratch/',
    '**/.tsbuild/',
    '**/dist/',
    '**/dist-ssr/',
    '**/dist-widget/',
    '**/data/',
    '**/coverage/',
    '**/test-results/',
    '**/.test-output/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    // Config files, scripts, server, tests and bench all run on Node.
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/ban-ts-comment': [
        'error',
        {
          'ts-nocheck': true,
          'ts-ignore': true,
          'ts-check': false,
          'ts-expect-error': 'allow-with-description',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // ---- Boundaries (STYLE.md habit 10) ----
  // Each block sets the whole rule for its files; a later matching block replaces the options
  // of an earlier one, so kiosk/renderer repeats the client patterns.
  {
    name: 'boundaries/shared',
    files: ['shared/src/**'],
    rules: { 'no-restricted-imports': ['error', SHARED_RULE] },
  },
  {
    // STYLE.md habit 3: SQL lives only in *.repo.ts (and the database set-up).
    name: 'boundaries/sql-in-repos',
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.repo.ts', 'server/src/db/**', 'server/src/**/*.test.ts', 'server/src/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(prepare|exec|pragma)$/]",
          message: 'SQL belongs in a *.repo.ts file: add a method there and call it.',
        },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'better-sqlite3', message: 'Only the repos and db/ talk to SQLite.' }] },
      ],
    },
  },
  {
    // Cross-package tests and benchmarks use the server through its two documented entries
    // (@jiaohao/server, @jiaohao/server/testing), never its internals: a refactor inside server/src
    // must not break them.
    name: 'boundaries/tests-and-bench',
    files: ['tests/**', 'bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/**', '@jiaohao/server/src/**', '@jiaohao/server/*', '!@jiaohao/server/testing'],
              message: 'Use @jiaohao/server or @jiaohao/server/testing (server/src/testing/index.ts), not server internals.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pages run in a browser; their vite.config.ts keeps the Node globals from above.
    name: 'boundaries/clients',
    files: CLIENT_DIRS.map((dir) => `${dir}/**`),
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: CLIENT_PATTERNS }] },
  },
  {
    // The Electron shell loads the renderer from the server; it never imports it.
    name: 'boundaries/kiosk-electron',
    files: ['kiosk/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CLIENT_PATTERNS, ...SHELL_PATTERNS] }] },
  },
  {
    // Sandboxed preloads can require electron and nothing of Node; the setup page and the types the
    // renderer mirrors run in a page.
    name: 'boundaries/kiosk-electron-sandboxed',
    files: [
      'kiosk/electron/preload.ts',
      'kiosk/electron/setup-preload.ts',
      'kiosk/electron/api.ts',
      'kiosk/electron/channels.ts',
      'kiosk/electron/setup/**',
    ],
    ignores: ['kiosk/electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: SANDBOXED_MESSAGE })),
          patterns: [...CLIENT_PATTERNS, ...SHELL_PATTERNS, { group: ['node:*'], message: SANDBOXED_MESSAGE }],
        },
      ],
    },
  },
  {
    name: 'boundaries/kiosk-renderer',
    files: ['kiosk/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [...CLIENT_PATTERNS, ...RENDERER_PATTERNS] }],
    },
  },
]);
