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
    setupFiles: ['./test/support/setup.ts'],
    // The files share one module graph per worker instead of importing it again for each file: on two
    // cores the imports were a third of `npm test` (30 s of 100 s). This is safe because the code keeps no
    // state in modules (each test builds its own service, simulator and clock) and support/cleanup.ts
    // closes after each file what the file started.
    isolate: false,
    // vitest's default leaves one of two cores idle; the slow files wait on processes, browsers and
    // sockets, not on the CPU, so two workers halve the run (113 s → 58 s on this project's machine).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
