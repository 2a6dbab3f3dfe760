// @ts-check
/**
 * ESLint flat config for Rådslag.
 *
 * - TypeScript in src/, bot/, tests/ and scripts/ is linted with type information
 *   (typescript-eslint `recommendedTypeChecked`, through the project service and tsconfig.json).
 * - The tab/ (React, built by Vite) is linted with type information from its own tab/tsconfig.json.
 * - Plain JS config files (jest.config.js, this file, .dependency-cruiser.cjs) get `js.recommended` only.
 *
 * Layering (what may import what) is not checked here: dependency-cruiser does that
 * (.dependency-cruiser.cjs, run by `npm run lint`).
 */
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TS_PROJECT_FILES = ['{src,bot,tests,scripts,bench}/**/*.ts'];
const TAB_FILES = ['tab/**/*.{ts,tsx,js,jsx}'];

/** docs/architecture.md, Conventions: `src/config.ts` is the only reader of `process.env`. */
const processEnvMessage =
  'Read configuration through src/config.ts (loadConfig), the only reader of process.env (docs/architecture.md, Conventions).';

/** Node globals for the CommonJS / ESM config files (the `globals` package is not a direct dependency). */
const nodeGlobals = /** @type {const} */ ({
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
});
const commonJsGlobals = /** @type {const} */ ({
  ...nodeGlobals,
  module: 'writable',
  exports: 'writable',
  require: 'readonly',
  __dirname: 'readonly',
  __filename: 'readonly',
});

export default defineConfig(
  globalIgnores(
    [
      '**/node_modules/',
      'dist/',
      'build/',
      'coverage/',
      'data/',
      'tab/dist/',
      'bench/results.json',
      '**/*.d.ts',
    ],
    'radslag/ignores',
  ),

  {
    name: 'radslag/linter-options',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // ---- Everything: the JS baseline and the project-wide restrictions ----
  js.configs.recommended,
  {
    name: 'radslag/all-files',
    rules: {
      // docs/architecture.md, Conventions: errors are never swallowed. `catch {}` is reported too.
      'no-empty': ['error', { allowEmptyCatch: false }],
      // The tab must not inject raw HTML (XSS); render text, or sanitise in one reviewed place.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'dangerouslySetInnerHTML is forbidden: render text through React (XSS risk).',
        },
        {
          selector: "Property[key.name='dangerouslySetInnerHTML']",
          message: 'dangerouslySetInnerHTML is forbidden (also via createElement props): render text through React.',
        },
      ],
      // docs/architecture.md, Conventions: configuration is read once, in src/config.ts.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: processEnvMessage },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'process', importNames: ['env'], message: processEnvMessage },
            { name: 'node:process', importNames: ['env'], message: processEnvMessage },
          ],
        },
      ],
    },
  },

  // ---- TypeScript with type information: src, bot, tests, scripts ----
  {
    name: 'radslag/typescript',
    files: TS_PROJECT_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },

  // The one reader of process.env.
  {
    name: 'radslag/config-reads-env',
    files: ['src/config.ts'],
    rules: {
      'no-restricted-properties': 'off',
      'no-restricted-imports': 'off',
    },
  },

  // Tests and the benchmark: they parse JSON from the fakes (any) and pass methods to expect(); they may
  // set process.env for the processes they start. scripts/ are NOT relaxed: they load configuration
  // through src/config.ts like the server does.
  {
    name: 'radslag/tests',
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-properties': 'off',
      'no-restricted-imports': 'off',
    },
  },

  // ---- The tab (React + Fluent UI, built by Vite): browser code, with type information from tab/tsconfig.json ----
  {
    name: 'radslag/tab',
    files: TAB_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true }, projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },

  // ---- Plain JS config files: no type information ----
  {
    name: 'radslag/js-commonjs',
    files: ['**/*.js', '**/*.cjs'],
    ignores: TAB_FILES,
    languageOptions: { sourceType: 'commonjs', globals: commonJsGlobals },
  },
  {
    name: 'radslag/js-esm',
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
);
