import type { CallRecord } from './call-record.js';

/**
 * Who and what appears in a set of calls. wolkvox has no campaign list and the cdr_1 report is the
 * only source here, so agents, campaigns and skills are known by the calls that mention them; a name is
 * the one on the latest call (agents get renamed).
 */
export class Directory {
  readonly agents = new Map<string, string | null>();
  readonly campaigns = new Set<string>();
  readonly skills = new Map<string, string | null>();

  /** `calls` in date order, so later names win. */
  static of(calls: Iterable<CallRecord>): Directory {
    const directory = new Directory();
    for (const call of calls) {
      if (call.agentId !== null) directory.agents.set(call.agentId, call.agentName ?? directory.agents.get(call.agentId) ?? null);
      if (call.campaignId !== null) directory.campaigns.add(call.campaignId);
      if (call.skillId !== null) directory.skills.set(call.skillId, call.skillName ?? directory.skills.get(call.skillId) ?? null);
    }
    return directory;
  }
}
