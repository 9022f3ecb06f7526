import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Each README block after `<!-- snippet: <file> -->`, with the file it quotes. */
const snippets = [...read('README.md').matchAll(/<!-- snippet: (\S+) -->\n```\w*\n([^]*?)```/g)].map(([, file, code]) => ({ file: file!, code: code! }));

describe('README "For client developers"', () => {
  it('quotes the example files the tests run, word for word', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(6);
    for (const { file, code } of snippets) expect(read(file), `README snippet of ${file}`).toContain(code);
  });
});
