import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { closeAfterFile } from '../support/cleanup.js';

export const CRM_SDL = readFileSync(new URL('../../examples/federation/crm.graphql', import.meta.url), 'utf8');

/** Agents 1001–1500: the simulator's 40 and hundreds more, for references in bulk. */
export const CRM_AGENTS = Array.from({ length: 500 }, (_, i) => ({
  id: String(1001 + i),
  email: `agent${1001 + i}@example.com`,
  team: i % 2 === 0 ? 'North' : 'South',
}));

const CAMPAIGN_NAMES: Record<string, string> = { '3001': 'Renovaciones', '3002': 'Portabilidad', '3003': 'Cobranza temprana' };

/** The example CRM subgraph on a real loopback port (an Apollo subgraph schema served by yoga). */
export async function startCrmSubgraph(): Promise<{ url: string; entityRequests: () => number }> {
  let entityRequests = 0;
  const schema = buildSubgraphSchema({
    typeDefs: parse(CRM_SDL),
    resolvers: {
      Query: {
        crmAgents: (_: unknown, { team }: { team?: string }) => CRM_AGENTS.filter((agent) => !team || agent.team === team),
        campaignCatalogue: () => Object.entries(CAMPAIGN_NAMES).map(([id, name]) => ({ id, name })),
      },
      Agent: {
        __resolveReference: ({ id }: { id: string }) => {
          entityRequests += 1;
          return CRM_AGENTS.find((agent) => agent.id === id) ?? { id, email: null, team: null };
        },
      },
      Campaign: { __resolveReference: ({ id }: { id: string }) => ({ id, name: CAMPAIGN_NAMES[id] ?? null }) },
    },
  });
  const yoga = createYoga({ schema, logging: false, graphiql: false });
  // yoga's Node listener answers its own failures, so the promise it returns never rejects.
  const http = createServer((req, res) => void yoga(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closeAfterFile(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, entityRequests: () => entityRequests };
}
