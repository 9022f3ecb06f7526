/**
 * A typed client a user can copy: asks for last week's cost per campaign and day with graphql-request,
 * using the generated CallReportDocument, so a breaking schema change breaks this file's type check.
 *
 *   npm start                      # in one terminal
 *   npm run example:report         # in another (GRAPHQL_URL defaults to http://localhost:4000/graphql)
 *
 * With BY_HASH=true it sends the document by its id instead of its text, as a server with
 * TRUSTED_DOCUMENTS requires: `{"documentId": "sha256:…", "variables": …}`, the id `npm run codegen`
 * put on the generated document and in operations/generated/persisted-documents.json.
 */
import { GraphQLClient, type RequestMiddleware } from 'graphql-request';
import { CallReportDocument } from '../operations/generated/graphql.js';

const endpoint = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';

/** Replaces the document's text in the request body with its id (`__meta__.hash`, from the client preset). */
const sendByHash: RequestMiddleware = (request) => {
  if (typeof request.body !== 'string') return request;
  const { query: _text, ...rest } = JSON.parse(request.body) as Record<string, unknown>;
  const { __meta__ } = CallReportDocument as { __meta__?: { hash: string } };
  return { ...request, body: JSON.stringify({ ...rest, documentId: __meta__?.hash }) };
};

const client = new GraphQLClient(endpoint, process.env.BY_HASH === 'true' ? { requestMiddleware: sendByHash } : {});

const to = new Date();
to.setUTCHours(5, 0, 0, 0); // local midnight in Bogotá (UTC−5)
const from = new Date(to.getTime() - 7 * 86_400_000);

const { callReport } = await client.request(CallReportDocument, {
  range: { from: from.toISOString(), to: to.toISOString() },
  groupBy: ['CAMPAIGN', 'DAY'],
});

// graphql-request throws when an answer carries errors, so a null report here came without one.
if (!callReport) {
  console.error(`${endpoint} sent no report for ${from.toISOString()} to ${to.toISOString()}, and no error saying why.`);
  process.exit(1);
}

console.log(`${callReport.total.calls} call legs, total cost ${callReport.total.totalCost}`);
console.table(
  callReport.groups.map((group) => ({
    day: group.period?.slice(0, 10),
    campaign: group.campaign?.id ?? '(none)',
    calls: group.stats.calls,
    cost: group.stats.totalCost,
  })),
);
if (callReport.unreadableRows.count > 0) console.warn(`${callReport.unreadableRows.count} rows from wolkvox could not be read`);
