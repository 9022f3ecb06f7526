import { readFileSync } from 'node:fs';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';

const ours = parse(readFileSync(new URL('../../subgraph.graphql', import.meta.url), 'utf8'));

/** A third subgraph with Relay objects of its own, whose Node id field is `idField`. */
const ticketsSubgraph = (idField: string) =>
  parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible"])
    interface Node { ${idField}: ID! }
    type Ticket implements Node @key(fields: "id") { id: ID! ${idField === 'id' ? '' : `${idField}: ID!`} subject: String }
    type Query { node(id: ID!): Node @shareable @inaccessible tickets: [Ticket!]! }`);

const compose = (idField: string) =>
  composeServices([
    { name: 'calls', typeDefs: ours, url: 'http://calls.test/graphql' },
    { name: 'tickets', typeDefs: ticketsSubgraph(idField), url: 'http://tickets.test/graphql' },
  ]);

describe('Node beside another subgraph that defines node(id:)', () => {
  it('composes when the other subgraph also names the Node id nodeId and shares node', () => {
    const result = compose('nodeId');
    expect(compositionHasErrors(result) ? result.errors.map((e) => e.message) : []).toEqual([]);
  });

  it('does not compose with a Node whose id field is `id` (docs/federation.md says so)', () => {
    const result = compose('id');
    expect(compositionHasErrors(result) && result.errors.map((e) => e.message)).toEqual([expect.stringContaining('Interface field "Node.nodeId"')]);
  });
});
