import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { allTokensOf, docFiles, plainText, ROOT } from '../support/docs.js';

/** The anchors GitHub gives a markdown file's headings (a repeated heading gets `-1`, `-2`…). */
function anchorsOf(path: string): string[] {
  const slugger = new GithubSlugger();
  return allTokensOf(path)
    .filter((token): token is Tokens.Heading => token.type === 'heading')
    .map((heading) => slugger.slug(plainText(heading.tokens)));
}

/** Every link of a doc that stays in the repository (no scheme such as https: or mailto:), as written. */
const relativeLinks = (doc: string) =>
  allTokensOf(doc)
    .filter((token): token is Tokens.Link => token.type === 'link')
    .map((link) => link.href)
    .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href));

describe('the links between README.md and docs/', () => {
  const docs = docFiles();

  it('are there: every guide is linked from the docs index, and the index from the README', () => {
    const indexed = relativeLinks('docs/README.md').map((href) => join('docs', href.split('#')[0]!));
    for (const doc of docs.filter((path) => path.startsWith('docs/') && path !== 'docs/README.md')) expect(indexed, `docs/README.md links ${doc}`).toContain(doc);
    expect(relativeLinks('README.md')).toContain('docs/README.md');
  });

  it('lead to a file that exists, and to a heading that exists in it', () => {
    const broken: string[] = [];
    for (const doc of docs) {
      for (const href of relativeLinks(doc)) {
        const [path = '', anchor] = href.split('#');
        const target = path === '' ? doc : normalize(join(dirname(doc), decodeURIComponent(path)));
        if (target.startsWith('..') || !existsSync(new URL(target, ROOT))) broken.push(`${doc}: ${href} (no file ${target})`);
        else if (anchor !== undefined && !(target.endsWith('.md') && anchorsOf(target).includes(anchor))) broken.push(`${doc}: ${href} (no heading #${anchor} in ${target})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
