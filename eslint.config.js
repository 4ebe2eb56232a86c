// ESLint flat config. Policy: zero warnings (`eslint . --max-warnings 0`).
// Besides the usual TypeScript checks, it guards the layer boundaries:
//   src/core  – pure, deterministic simulation: no UI, no clocks, no randomness
//   src/model – the pipeline document schema: zod and itself only
//   src/app   – the React UI: reaches the engine only through the worker adapter
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const TESTS = ['src/**/*.test.ts', 'src/**/*.test.tsx'];

// Imports that would drag UI or runtime-specific code into the simulation core.
const coreForbidden = [
  {
    group: [
      '**/app',
      '**/app/**',
      '**/worker',
      '**/worker/**',
      '**/cli',
      '**/cli/**',
      '**/bench',
      '**/bench/**',
    ],
    message: 'src/core is the pure simulation core: it must not depend on app, worker, cli or bench.',
  },
  {
    group: ['react', 'react/**', 'react-dom', 'react-dom/**', '@xyflow/*'],
    message: 'src/core must not depend on UI libraries.',
  },
  {
    group: ['zustand', 'zustand/**', 'comlink', 'comlink/**'],
    message: 'src/core must not depend on UI state or worker plumbing.',
  },
];

// The schema layer may reach zod (and vitest in tests) and nothing outside src/model.
const modelForbidden = (allowed) => [
  {
    group: ['**/core', '**/core/**', '**/app', '**/app/**', '**/worker', '**/worker/**'],
    message: 'src/model may only import zod and other src/model files.',
  },
  {
    group: ['**/cli', '**/cli/**', '**/bench', '**/bench/**'],
    message: 'src/model may only import zod and other src/model files.',
  },
  {
    // Any bare specifier (package or node builtin) other than the allowed ones.
    regex: `^(?!(?:${allowed.join('|')})(?:/|$))(?!\\.{1,2}/)`,
    message: 'src/model may only import zod and other src/model files.',
  },
];

// The browser app and the worker adapter: pure layers never import them.
const UPPER_LAYERS = ['**/app', '**/app/**', '**/worker', '**/worker/**'];
const UI_LIBRARIES = ['react', 'react/**', 'react-dom', 'react-dom/**'];

/**
 * Rules for a pure layer beside the core (what-if, export, measurements): no DOM, no clock, no
 * randomness, and only the imports `imports` leaves. `allowDate` lets it build dates from parsed
 * text while still refusing `Date.now()`.
 */
const pureLayer = ({ name, ignores, imports, allowDate = false }) => {
  const clocks = ['window', 'document', 'setTimeout', 'setInterval', 'performance'];
  return {
    files: [`${name}/**`],
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns: imports }],
      'no-restricted-globals': [
        'error',
        ...(allowDate ? clocks : [...clocks, 'Date']).map((global) => ({
          name: global,
          message: `${name} is pure and deterministic: no ${global}; take time as an input.`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: `${name} is deterministic.` },
        ...(allowDate
          ? [{ object: 'Date', property: 'now', message: `${name} takes the time as an input.` }]
          : []),
      ],
    },
  };
};

const appForbidden = [
  {
    group: ['**/core', '**/core/**'],
    message: 'UI talks to the engine through the worker adapter.',
  },
];

export default defineConfig(
  globalIgnores([
    'dist/**',
    'dist-e2e-*/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'coverage/**',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // A leading underscore marks a value as deliberately unused (e.g. `const { a: _a, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Node-side code: tooling, configs, CLI, benchmark, the validation runner, end-to-end tests.
  {
    files: [
      '*.{js,mjs,ts}',
      'scripts/**',
      'src/cli/**',
      'src/bench/**',
      'src/validation/cli.ts',
      'src/validation/paths.ts',
      'e2e/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },

  // Browser-side code.
  {
    files: ['src/app/**', 'src/worker/**', 'src/main.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/app/**/*.{ts,tsx}', 'src/main.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/app/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: appForbidden }] },
  },

  // Simulation core: deterministic, so no wall clock, timers, DOM or Math.random.
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: coreForbidden }],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'setTimeout',
          'setInterval',
          'requestAnimationFrame',
          'performance',
          'Date',
        ].map((name) => ({
          name,
          message: `src/core is deterministic: no ${name}; take time and randomness as inputs.`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'src/core is deterministic: use the seeded RNG.' },
      ],
    },
  },
  // Tests inside the core may time things and use any global.
  {
    files: TESTS.map((p) => p.replace('src/**', 'src/core/**')),
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },

  // Validation cases and the report are pure like the core (the same figures on every run); only
  // the runner times and writes files.
  {
    files: ['src/validation/**'],
    ignores: ['src/validation/cli.ts', 'src/validation/paths.ts', ...TESTS],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...coreForbidden, { group: ['node:*'], message: 'Only the runner touches files.' }] },
      ],
      'no-restricted-globals': [
        'error',
        ...['Date', 'performance', 'setTimeout', 'setInterval'].map((name) => ({
          name,
          message: `validation cases are deterministic: no ${name}.`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: "Use the engine's seeded Rng." },
      ],
    },
  },

  // What-if core: pure like the simulation core (no DOM, clock or randomness); it may use the model
  // and the core, never the app, the worker, the CLI or the bench. The page may import it.
  pureLayer({
    name: 'src/whatif',
    ignores: TESTS,
    imports: [
      {
        group: [...UPPER_LAYERS, '**/cli', '**/cli/**', '**/bench', '**/bench/**'],
        message: 'src/whatif is pure: it may import src/model and src/core only.',
      },
      { group: [...UI_LIBRARIES, 'node:*'], message: 'src/whatif is pure.' },
    ],
  }),

  // Stack export: pure like the what-if core (the app zips its files, the CLI writes them); it may
  // use the model and the what-if figures, never the engine, the app, Node or the DOM.
  pureLayer({
    name: 'src/export',
    ignores: [...TESTS, 'src/export/testDocs.ts'],
    imports: [
      {
        group: ['**/core', '**/core/**', ...UPPER_LAYERS, '**/cli', '**/cli/**'],
        message: 'src/export is pure: it may import src/model and src/whatif/metrics only.',
      },
      { group: ['**/whatif/local'], message: 'src/export must not pull the engine in.' },
      { group: [...UI_LIBRARIES, 'node:*'], message: 'src/export is pure: no UI, no Node.' },
    ],
  }),

  // Measurements (src/measured): pure like the what-if core; parsers, comparison and calibration.
  // It may use the model and the what-if core's pure parts; runs are injected, never made here.
  // It may build dates from the text it parses, but takes "now" as an input.
  pureLayer({
    name: 'src/measured',
    ignores: TESTS,
    allowDate: true,
    imports: [
      {
        group: ['**/core', '**/core/**', ...UPPER_LAYERS, '**/whatif/local'],
        message: 'src/measured is pure: it may import src/model and src/whatif (not its local runner).',
      },
      { group: [...UI_LIBRARIES, 'node:*'], message: 'src/measured is pure.' },
    ],
  }),

  // Schema layer.
  {
    files: ['src/model/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: modelForbidden(['zod']) }] },
  },
  {
    files: TESTS.map((p) => p.replace('src/**', 'src/model/**')),
    rules: { 'no-restricted-imports': ['error', { patterns: modelForbidden(['zod', 'vitest']) }] },
  },
);
