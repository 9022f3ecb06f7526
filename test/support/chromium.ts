import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NOT_RUN } from './not-run-reporter.js';

/** Debian's chromium, which `.ci/run` installs (playwright-core never downloads a browser); CHROMIUM_PATH names another. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI the browser tests are required: a missing browser there fails them instead of being noted. */
const BROWSER_REQUIRED = process.env.CI === 'true';

const MISSING = `Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`;

/**
 * Declares a file's browser tests. Without Chromium, and outside CI, it declares instead one passing test
 * that asserts why they did not run and says so on stderr and under the run's summary: a newcomer's
 * `npm test` passes, and nobody takes it for a browser run.
 */
export function describeInChromium(name: string, tests: () => void): void {
  if (BROWSER_REQUIRED || existsSync(CHROMIUM_PATH)) {
    describe(name, tests);
    return;
  }
  describe(name, () => {
    it(`did not run: ${MISSING}`, ({ annotate }) => {
      expect(existsSync(CHROMIUM_PATH)).toBe(false);
      expect(BROWSER_REQUIRED).toBe(false);
      console.warn(`\n  ⚠  "${name}" DID NOT RUN. ${MISSING}. CI=true makes it required.\n`);
      return annotate(`"${name}": ${MISSING}`, NOT_RUN);
    });
  });
}

/** Headless Chromium for one test file; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${MISSING}. CI=true requires the browser tests (.ci/run installs Chromium).`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
