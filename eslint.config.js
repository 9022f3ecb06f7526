// @ts-check
/**
 * `npm run lint` (part of `npm test`): typescript-eslint, type-aware, over every TypeScript file of the
 * project. The presets are typescript-eslint's recommended and stylistic type-checked ones; the few
 * rules added or changed below each say why.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Written by `npm run codegen` (graphql-codegen, relay-compiler), not by hand; and what .gitignore keeps out of the repository.
  { ignores: ['operations/generated/', 'packages/client-caches/src/generated/', 'packages/*/dist/', 'coverage/', '.scratch/', 'data/'] },
  { files: ['**/*.ts'], extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked, tseslint.configs.stylisticTypeChecked] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      // One TypeScript program for all files, as tsc builds it (tsconfig.json includes every folder).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // No promise is left unawaited (issue #19): a thenable counts as a promise, and a promise whose
      // end nobody waits for is marked `void`, with a comment saying why it cannot reject unhandled.
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      // …and `void` marks only such a discarded value, so that it always means "fire and forget".
      '@typescript-eslint/no-meaningless-void-operator': 'error',
      // A promise returned from inside try/catch/finally is awaited there, or the catch never sees it.
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      // A reason typed `unknown` (an abort signal's, a caught one) is passed on as it came, as
      // only-throw-error lets `throw` rethrow one; a value known not to be an Error is still refused.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // A name that starts with `_` is left out on purpose (`{ extensions: _cost, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // whatwg-node and yoga declare their hook payloads' callbacks (`endResponse`, `setResult`) as
    // methods, but hand closures that need no `this`; yoga's own plugins destructure them as we do.
    files: ['src/http/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Small files with one job (issue #20): 300 lines of code at most in src/ (comments and blank lines
    // not counted, since they explain rather than add work). A file whose length is earned (a hot loop
    // kept in one place) says why in an eslint-disable comment at its top.
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    // vitest types its asymmetric matchers (`expect.stringContaining`, `expect.any`…) as `any`, so that
    // they fit any expected shape; each one placed in an expected object is such an assignment.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
);
