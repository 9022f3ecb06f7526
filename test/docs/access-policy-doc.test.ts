import { execFileSync } from 'node:child_process';
import type { Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { keySha256Of, parseAccessPolicy } from '../../src/access/access-policy.js';
import { blocksOf } from '../support/docs.js';

const DOC = 'docs/security-and-limits.md';
const code = (lang: string) => blocksOf(DOC).filter((token): token is Tokens.Code => token.type === 'code' && token.lang === lang);

describe(`${DOC}: who may see what`, () => {
  it('shows a policy that loads, with the scopes it describes', () => {
    const [policy] = code('yaml');
    const principals = parseAccessPolicy(policy!.text).map(({ principal }) => principal);
    expect(principals).toMatchObject([
      { name: 'brand-a-dashboard', campaigns: ['3001', '3002'], skills: ['2'], pii: false, upstreamRequestsPerDay: 50 },
      { name: 'quality-team', campaigns: null, skills: null, pii: true, upstreamRequestsPerDay: null },
    ]);
  });

  it('hashes a key in one line as the server does, and its example error is the one a repeated key gives', () => {
    const [commands] = code('sh');
    const hashLine = commands!.text.split('\n').find((line) => line.includes('sha256sum'))!.replace(/\s+#.*$/, '');
    const key = 'a-key-0123456789abcdef0123456789';
    expect(execFileSync('sh', ['-c', hashLine], { env: { ...process.env, KEY: key }, encoding: 'utf8' }).trim()).toBe(keySha256Of(key));

    const [example] = code('text');
    const [policy] = code('yaml');
    const lines = policy!.text.split('\n');
    const repeated = [...lines.slice(0, 7), lines[1]!.replace('brand-a-dashboard', 'brand-b'), lines[2]!].join('\n');
    const message = (() => {
      try {
        parseAccessPolicy(repeated);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(example!.text).toContain(message);
  });
});
