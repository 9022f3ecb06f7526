/**
 * How big the heavy suites (load, fuzz, summaries against scans) run. `npm test` runs them at a size that
 * keeps the whole command quick on a small machine and still exercises every path; `TEST_SIZE=full`
 * (`npm run test:full`) runs them at the size they were designed for: before a release, or after changing
 * what they guard.
 */
const TEST_SIZE = process.env.TEST_SIZE ?? 'quick';
if (TEST_SIZE !== 'quick' && TEST_SIZE !== 'full') throw new Error(`TEST_SIZE must be "quick" (the default) or "full", not "${TEST_SIZE}"`);

/** The value for this run's size. */
export const bySize = <T>(sizes: { readonly quick: T; readonly full: T }): T => sizes[TEST_SIZE];
