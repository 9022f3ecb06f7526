/**
 * A typed client a user can copy: asks for last week's cost per campaign and day with graphql-request,
 * using the generated CallReportDocument, so a breaking schema change breaks this file's type check.
 *
 *   npm start                      # in one terminal
 *   npm run example:report         # in another (GRAPHQL_URL defaults to http://localhost:4000/graphql)
 */
import { GraphQLClient } from 'graphql-request';
import { CallReportDocument } from '../operations/generated/graphql.js';

const endpoint = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';
const client = new GraphQLClient(endpoint);

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
