/**
 * What the test helpers started (simulators, servers, clients), closed after the test file that started it.
 * Helpers are called at every stage — in `beforeAll`, and inside tests that need their own simulator — and
 * vitest drops an `afterAll` registered once tests run, which left those open; `setup.ts` drains this
 * list after each file instead.
 */
const closers: (() => unknown)[] = [];

export function closeAfterFile(close: () => unknown): void {
  closers.push(close);
}

/** Closes in reverse order of starting (a server before the simulator it reads), each even if another fails. */
export async function closeAll(): Promise<void> {
  const failures: unknown[] = [];
  for (const close of closers.splice(0).reverse()) {
    try {
      await close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} test resources failed to close`);
}
