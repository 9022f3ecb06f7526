import { describe, expect, it } from 'vitest';
import { docFiles, readRepoFile } from '../support/docs.js';

/** Each block after `<!-- snippet: <file> -->` in the documentation, with the file it quotes. */
const snippets = docFiles().flatMap((doc) =>
  [...readRepoFile(doc).matchAll(/<!-- snippet: (\S+) -->\n```\w*\n([^]*?)```/g)].map(([, file, code]) => ({ doc, file: file!, code: code! })),
);

/** Where the client guide quotes the example client project the tests install the package into and run (client-project.test.ts). */
const QUOTED_IN_CLIENT_GUIDE = [
  'examples/client-project/apollo.js',
  'examples/client-project/urql.js',
  'examples/client-project/relay.config.json',
  'examples/client-project/relay.js',
  'examples/client-project/wallboard.js',
];

describe('the code the documentation quotes', () => {
  it('is the code of the example files the tests run, word for word', () => {
    for (const { doc, file, code } of snippets) expect(readRepoFile(file), `${doc}: snippet of ${file}`).toContain(code);
  });

  it('is quoted where the client guide says it is, each example file once', () => {
    expect(snippets.filter(({ doc }) => doc === 'docs/clients.md').map(({ file }) => file)).toEqual(QUOTED_IN_CLIENT_GUIDE);
  });

  it('has a code block right after every snippet marker', () => {
    const markers = docFiles().flatMap((doc) => [...readRepoFile(doc).matchAll(/<!-- snippet:/g)].map(() => doc));
    expect(snippets.map(({ doc }) => doc)).toEqual(markers);
  });
});
