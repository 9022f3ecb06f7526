import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { readRepoFile } from '../support/docs.js';

describe('docs/configuration.md', () => {
  it('describes every variable the server reads', () => {
    const reference = readRepoFile('docs/configuration.md');
    const missing = CONFIG_VARIABLES.filter((name) => !reference.includes(`\`${name}\``));
    expect(missing, 'variables config.ts reads that docs/configuration.md does not name').toEqual([]);
  });
});
