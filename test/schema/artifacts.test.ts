import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import { schema } from '../../src/schema/index.js';
import { printedSchema, printedSubgraph } from '../../src/schema/printed.js';
import { composeExampleSupergraph } from '../../examples/federation/compose.js';
import { undocumented } from '../../src/schema/undocumented.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('schema artefacts', () => {
  it('schema.graphql is what the code prints (run `npm run schema` after changing the graph)', () => {
    expect(read('schema.graphql')).toBe(printedSchema());
  });

  it('subgraph.graphql is the Federation SDL the code prints (run `npm run schema`)', () => {
    expect(read('subgraph.graphql')).toBe(printedSubgraph());
  });

  it('the example supergraph composes from the committed SDL and is up to date (run `npm run supergraph`)', () => {
    expect(read('examples/federation/supergraph.graphql')).toBe(composeExampleSupergraph());
  });

  it('the generated operation types are what codegen makes of the committed documents (run `npm run codegen`)', async () => {
    const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(read(output.filename), output.filename).toBe(output.content);
  });

  it('documents every type, field, argument and enum value: GraphiQL is the manual', () => {
    expect(undocumented(schema)).toEqual([]);
  });

  it('keeps the contract names', () => {
    const sdl = printedSchema();
    for (const name of ['scalar DateTime', 'scalar Decimal', 'input DateRange', 'enum InteractionType', 'input CallFilter', 'type Call implements Node {', 'interface Node',
      'type CallStats', 'type CallConnection', 'type CallEdge', 'type Agent', 'type Campaign', 'type Skill', 'enum CallDimension',
      'type CallGroup', 'type CallReport']) {
      expect(sdl).toContain(name);
    }
  });
});
