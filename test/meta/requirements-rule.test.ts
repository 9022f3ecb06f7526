import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const TEST_ROOT = join(import.meta.dirname, '..');

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'support' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Issue #23: `npm ci && npm test` passes on a machine without redis-server, listing what it could not
 * run. That holds only while every file that starts a Redis declares its tests through describeWithRedis
 * (test/support/redis.ts); a plain `describe` fails the whole file there instead. This keeps it so.
 */
describe('the requirement rule of the test suite', () => {
  it('declares every test file that starts a redis-server through describeWithRedis', () => {
    const offenders = testFiles(TEST_ROOT)
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return text.includes('startRedis(') && !text.includes('describeWithRedis(');
      })
      .map((file) => relative(TEST_ROOT, file));
    expect(offenders).toEqual([]);
  });
});
