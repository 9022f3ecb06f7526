import type { Reporter, TestModule } from 'vitest/node';

/** The annotation type of a test that stands for tests that could not run here (see `chromium.ts`). */
export const NOT_RUN = 'not run';

/** Repeats, under the run's summary, what did not run and why, where a warning in the middle of the output would scroll away. */
export default class NotRunReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const notes = testModules.flatMap((module) =>
      [...module.children.allTests()].flatMap((test) => test.annotations().filter((a) => a.type === NOT_RUN).map((a) => a.message)),
    );
    if (notes.length === 0) return;
    process.stderr.write(`\n⚠  Not run on this machine (the rest passed without them):\n${notes.map((note) => `   - ${note}\n`).join('')}\n`);
  }
}
