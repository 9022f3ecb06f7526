import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describeRequiring, type Requirement } from './requirements.js';

/** Debian's chromium, which `.ci/run` installs (playwright-core never downloads a browser); CHROMIUM_PATH names another. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM: Requirement = {
  available: () => existsSync(CHROMIUM_PATH),
  missing: `Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`,
};

/** Declares a file's browser tests: noted as not run without Chromium outside CI (see requirements.ts). */
export function describeInChromium(name: string, tests: () => void): void {
  describeRequiring(CHROMIUM, name, tests);
}

/** Headless Chromium for one test file; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM.available()) throw new Error(`${CHROMIUM.missing}. CI=true requires the browser tests (.ci/run installs Chromium).`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
