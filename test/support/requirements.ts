import { describe, expect, it, type TestOptions } from 'vitest';
import { NOT_RUN } from './not-run-reporter.js';

/** In CI every test is required: a missing program there fails the tests that need it instead of being noted. */
const ALL_REQUIRED = process.env.CI === 'true';

/** A program some tests need that a fresh machine may lack (Chromium, redis-server). */
export interface Requirement {
  readonly available: () => boolean;
  /** What is missing and how to get it, e.g. "redis-server not found on the PATH: apt-get install redis-server". */
  readonly missing: string;
}

/**
 * Declares a file's tests that need `requirement`. Without it, and outside CI, it declares instead one passing
 * test that asserts why they did not run and says so on stderr and under the run's summary: a newcomer's
 * `npm test` passes, and nobody takes it for a run of them.
 */
export function describeRequiring(requirement: Requirement, name: string, tests: () => void | Promise<void>, options: TestOptions = {}): void {
  if (ALL_REQUIRED || requirement.available()) {
    describe(name, options, tests);
    return;
  }
  describe(name, () => {
    it(`did not run: ${requirement.missing}`, ({ annotate }) => {
      expect(requirement.available()).toBe(false);
      expect(ALL_REQUIRED).toBe(false);
      console.warn(`\n  ⚠  "${name}" DID NOT RUN. ${requirement.missing}. CI=true makes it required.\n`);
      return annotate(`"${name}": ${requirement.missing}`, NOT_RUN);
    });
  });
}
