/**
 * The peer benchmark's questions, and their answers in one canonical form, so that the graph's and the
 * plain script's can be compared for identity.
 */

export interface Totals {
  readonly calls: number;
  /** Canonical decimal text (no trailing zeros). */
  readonly totalCost: string;
}

/** The 3-day dashboard: totals, by agent, by campaign (keys `String(id)`, `"null"` for none), and the 50 latest calls. */
export interface DashboardAnswer {
  readonly total: Totals;
  readonly byAgent: [string, Totals][];
  readonly byCampaign: [string, Totals][];
  readonly latest: { at: number; connId: string; cost: string }[];
}

/** The 30-day report by campaign × day; keys are `<day start epoch ms>|<campaign id or null>`. */
export interface CampaignDayAnswer {
  readonly total: Totals;
  readonly groups: [string, Totals][];
}

export const PEER_DASHBOARD = `query PeerDashboard($range: DateRange!) {
  byAgent: callReport(range: $range, groupBy: [AGENT]) { total { calls totalCost } groups { agent { id } stats { calls totalCost } } }
  byCampaign: callReport(range: $range, groupBy: [CAMPAIGN]) { groups { campaign { id } stats { calls totalCost } } }
  latest: calls(range: $range, last: 50) { edges { node { date connId cost } } }
}`;

interface Stats { calls: number; totalCost: string }
type Keyed<K extends string> = Record<K, { id: string } | null> & { stats: Stats };

interface GraphDashboard {
  byAgent: { total: Stats; groups: Keyed<'agent'>[] };
  byCampaign: { groups: Keyed<'campaign'>[] };
  latest: { edges: { node: { date: string; connId: string; cost: string } }[] };
}

interface GraphCampaignDays {
  callReport: { total: Stats; groups: (Keyed<'campaign'> & { period: string })[] };
}

const byKey = ([a]: [string, Totals], [b]: [string, Totals]) => (a < b ? -1 : 1);
const totalsOf = (stats: Stats): Totals => ({ calls: stats.calls, totalCost: stats.totalCost });

export function dashboardFromGraph(data: GraphDashboard): DashboardAnswer {
  return {
    total: totalsOf(data.byAgent.total),
    byAgent: data.byAgent.groups.map((g): [string, Totals] => [String(g.agent?.id ?? null), totalsOf(g.stats)]).sort(byKey),
    byCampaign: data.byCampaign.groups.map((g): [string, Totals] => [String(g.campaign?.id ?? null), totalsOf(g.stats)]).sort(byKey),
    latest: data.latest.edges
      .map(({ node }) => ({ at: Date.parse(node.date), connId: node.connId, cost: node.cost }))
      .sort((a, b) => a.at - b.at || (a.connId < b.connId ? -1 : 1)),
  };
}

export function campaignDaysFromGraph(data: GraphCampaignDays): CampaignDayAnswer {
  const { total, groups } = data.callReport;
  return {
    total: totalsOf(total),
    groups: groups.map((g): [string, Totals] => [`${Date.parse(g.period)}|${g.campaign?.id ?? null}`, totalsOf(g.stats)]).sort(byKey),
  };
}
