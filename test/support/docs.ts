import { readdirSync, readFileSync } from 'node:fs';
import { Lexer, walkTokens, type Token, type Tokens } from 'marked';

/** The repository root, which the paths of the documentation are relative to. */
export const ROOT = new URL('../../', import.meta.url);

/** The documentation: README.md and every markdown file under docs/, as paths from the repository root. */
export function docFiles(): string[] {
  const guides = readdirSync(new URL('docs/', ROOT), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.md'));
  return ['README.md', ...guides.sort().map((path) => `docs/${path}`)];
}

export const readRepoFile = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');

/** A markdown file's top-level blocks (marked's lexer: GitHub-flavoured, as GitHub renders it). */
export const blocksOf = (path: string): Token[] => new Lexer({ gfm: true }).lex(readRepoFile(path));

/** Every token of a markdown file, inline ones included (links inside lists and tables too). */
export function allTokensOf(path: string): Token[] {
  const tokens: Token[] = [];
  // The walker is synchronous: what marked returns (its promises, for asynchronous walkers) is empty here.
  void walkTokens(blocksOf(path), (token) => void tokens.push(token));
  return tokens;
}

/** The text a reader sees in a heading (code spans without their backticks, emphasis without its stars), which GitHub slugs. */
export function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if ('tokens' in token && token.tokens && token.type !== 'codespan') return plainText(token.tokens);
      return token.type === 'codespan' ? (token as Tokens.Codespan).text : 'text' in token ? String(token.text) : '';
    })
    .join('');
}
