import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInChromium, launchChromium } from '../support/chromium.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';

describeInChromium('GraphiQL in a headless browser', () => {
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const { server } = await graph({ now: () => Date.parse('2025-03-05T09:00:00-05:00') });
    base = await listen(server);
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('opens /graphql, runs the default query over yesterday, and shows data, with no request leaving the machine', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    await page.goto(`${base}/graphql`);
    await page.locator('.graphiql-execute-button').click({ timeout: 20_000 });
    const result = page.locator('.result-window');
    // The result editor renders only the lines in view: the report's start is enough to know data came back.
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 20_000 }).toContain('"callReport"');
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/"calls":\s*[1-9]/);
    expect(text).not.toContain('"errors"');
    expect(external).toEqual([]);
  }, 60_000);

  it('transfers GraphiQL compressed, and on a reload fetches only the page: its assets come from the browser cache', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const transferred = new Map<string, number>();
    // Awaited before the context closes: closing it rejects a sizes() still pending (an unhandled rejection, when it was `void`).
    const sizing: Promise<unknown>[] = [];
    page.on('requestfinished', (request) => {
      sizing.push(request.sizes().then((sizes) => transferred.set(request.url(), (transferred.get(request.url()) ?? 0) + sizes.responseBodySize)));
    });
    const assetRequests = async () => Number(/http_requests_total\{route="\/graphiql\/",status="200"\} (\d+)/.exec(await (await fetch(`${base}/metrics`)).text())?.[1] ?? 0);

    await page.goto(`${base}/graphql`, { waitUntil: 'load' });
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
    const total = () => [...transferred.values()].reduce((sum, bytes) => sum + bytes, 0);
    // The page, its script, style and icon: 9 MB uncompressed, about 2 MB on the wire.
    await expect.poll(total, { timeout: 10_000 }).toBeGreaterThan(500_000);
    expect(total()).toBeLessThan(3_000_000);

    const before = await assetRequests();
    await page.reload({ waitUntil: 'load' });
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
    expect(await assetRequests()).toBe(before);
    await Promise.allSettled(sizing);
    await context.close();
  }, 60_000);
});
