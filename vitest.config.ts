import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) copies. Node — and so graphql-yoga — loads the
    // CommonJS one; Vite would give our code the ESM one, and `instanceof GraphQLError` would then fail
    // across the two. One copy for all, as in production.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/not-run-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
