// SPDX-License-Identifier: MIT
// typescript-eslint with type information over every TypeScript file; run by `npm test` (scripts/test.sh).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bundle/**', 'release/**', 'node_modules/**', '.tools/**', '**/*.mjs', '**/*.cjs', '**/*.js', 'vitest.config.mts'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.renderer.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits hides its failure: handle it, or say why with `void` at an event boundary.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An async function without await still turns a synchronous throw into a rejection, which
      // interface implementations (keychains, readers, test doubles) rely on.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'max-len': ['error', { code: 160, ignoreUrls: true }],
    },
  },
  {
    // Tests read parsed JSON and vitest matchers (expect.any, expect.objectContaining), which are
    // `any` by design, and hand mocked methods to expect().
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
