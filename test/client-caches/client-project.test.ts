import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeAfterFile } from '../support/cleanup.js';
import { readRepoFile, ROOT } from '../support/docs.js';
import { countedServer } from './support.js';

const run = promisify(execFile);
const root = fileURLToPath(ROOT);
const require = createRequire(import.meta.url);

/** What a developer installs next to the package: the versions this repository tests with, found in npm's cache. */
const CLIENT_LIBRARIES = ['@apollo/client', 'graphql', '@urql/core', '@urql/exchange-graphcache', 'relay-runtime', 'relay-compiler'];
const installed = (name: string) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;

/** What relay-compiler prints when relay.config lacks `schemaConfig` (the client guide quotes it). */
const MISSING_NODE_CONFIG = 'Expected `Node` to contain a field named `id`.';

/**
 * The client-caches package as a client developer gets it: packed (`npm pack`, which builds it), installed
 * into an empty project outside this repository with the client libraries, and run from there against the
 * real server, with Node's `development` condition (Apollo's development build). The project's files are
 * examples/client-project/, which the client guide quotes.
 */
describe('the client-caches package, installed from its tarball into a fresh project', { timeout: 60_000 }, () => {
  let project: string;
  let server: Awaited<ReturnType<typeof countedServer>>;
  const node = (script: string) => run(process.execPath, ['--conditions=development', script], { cwd: project, env: { ...process.env, CDR_GRAPH_URL: server.url } });
  const relayCompiler = (config = 'relay.config.json') => run(join(project, 'node_modules/.bin/relay-compiler'), [config], { cwd: project });

  beforeAll(async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'cdr-client-project-'));
    closeAfterFile(() => rmSync(scratch, { recursive: true, force: true }));
    await run('npm', ['pack', '--workspace', 'packages/client-caches', '--pack-destination', scratch], { cwd: root });
    const [tarball] = readdirSync(scratch).filter((file) => file.endsWith('.tgz'));
    project = join(scratch, 'project');
    cpSync(join(root, 'examples/client-project'), project, { recursive: true });
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(scratch, tarball!), ...CLIENT_LIBRARIES.map(installed)], { cwd: project });
    server = await countedServer();
  }, 120_000);

  it('runs in development mode there, as the checks below need', async () => {
    const { stdout } = await run(process.execPath, ['--conditions=development', '--input-type=module', '-e', "console.log((await import('@apollo/client/utilities/environment')).__DEV__)"], { cwd: project });
    expect(stdout.trim()).toBe('true');
  });

  it('gives Apollo Client 4 a cache that keeps both selections of each pair: no warning, no extra request, nothing lost', async () => {
    const before = server.requests();
    const { stdout, stderr } = await node('apollo.js');
    expect(stderr).toBe('');
    expect(stdout).toContain('every selection read back from the cache');
    expect(server.requests() - before).toBe(6);
  });

  it('gives urql\'s graphcache the keys and possible types it needs: no warning, no extra request, nothing lost', async () => {
    const before = server.requests();
    const { stdout, stderr } = await node('urql.js');
    expect(stderr).toBe('');
    expect(stdout).toContain('every selection read back from the cache');
    expect(server.requests() - before).toBe(6);
  });

  it('lets relay-compiler compile against the packaged schema with the guide\'s relay.config.json, and Relay refetch through node(id: $nodeId), losing nothing', async () => {
    await relayCompiler();
    const refetch = readFileSync(join(project, '__generated__/wallboardAgentRefetchQuery.graphql.js'), 'utf8');
    const text = JSON.parse(/"text": ("(?:[^"\\]|\\.)*")/.exec(refetch)![1]!) as string;
    expect(text).toContain('node(id: $nodeId)');
    expect(readRepoFile('examples/client-project/wallboard.js')).toContain('`node(id: $nodeId)`');
    expect(readRepoFile('docs/clients.md')).toContain(text.trim());

    const before = server.requests();
    const { stdout, stderr } = await node('relay.js');
    expect(stderr).toBe('');
    expect(stdout).toContain('nothing lost');
    expect(server.requests() - before).toBe(2);
  });

  it('stops relay-compiler with the error the guide quotes when relay.config.json lacks schemaConfig', async () => {
    const config = JSON.parse(readFileSync(join(project, 'relay.config.json'), 'utf8')) as Record<string, unknown>;
    delete config.schemaConfig;
    writeFileSync(join(project, 'relay.without-schema-config.json'), JSON.stringify(config));
    const failure = await relayCompiler('relay.without-schema-config.json').then(() => null, (error: unknown) => error as { stderr: string; code: number });
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain(MISSING_NODE_CONFIG);
    expect(readRepoFile('docs/clients.md')).toContain(MISSING_NODE_CONFIG);
  });
});
