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
  {
    files: ['src/whatif/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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
              message: 'src/whatif is pure: it may import src/model and src/core only.',
            },
            {
              group: ['react', 'react/**', 'react-dom', 'react-dom/**', 'node:*'],
              message: 'src/whatif is pure.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'setTimeout', 'setInterval', 'performance', 'Date'].map((name) => ({
          name,
          message: `src/whatif is deterministic: no ${name}; take time as an input.`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'src/whatif is deterministic.' },
      ],
    },
  },

  // Stack export: pure like the what-if core (the app zips its files, the CLI writes them); it may
  // use the model and the what-if figures, never the engine, the app, Node or the DOM.
  {
    files: ['src/export/**'],
    ignores: [...TESTS, 'src/export/testDocs.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/core',
                '**/core/**',
                '**/app',
                '**/app/**',
                '**/worker',
                '**/worker/**',
                '**/cli',
                '**/cli/**',
              ],
              message: 'src/export is pure: it may import src/model and src/whatif/metrics only.',
            },
            { group: ['**/whatif/local'], message: 'src/export must not pull the engine in.' },
            { group: ['react', 'react/**', 'node:*'], message: 'src/export is pure: no UI, no Node.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'setTimeout', 'setInterval', 'performance', 'Date'].map((name) => ({
          name,
          message: `src/export is pure: no ${name}.`,
        })),
      ],
    },
  },

  // Measurements (src/measured): pure like the what-if core; parsers, comparison and calibration.
  // It may use the model and the what-if core's pure parts; runs are injected, never made here.
  {
    files: ['src/measured/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/core',
                '**/core/**',
                '**/app',
                '**/app/**',
                '**/worker',
                '**/worker/**',
                '**/whatif/local',
              ],
              message: 'src/measured is pure: it may import src/model and src/whatif (not its local runner).',
            },
            {
              group: ['react', 'react/**', 'react-dom', 'react-dom/**', 'node:*'],
              message: 'src/measured is pure.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'setTimeout', 'setInterval', 'performance'].map((name) => ({
          name,
          message: `src/measured is pure: no ${name}.`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'src/measured is deterministic.' },
        { object: 'Date', property: 'now', message: 'src/measured takes the time as an input.' },
      ],
    },
  },

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
