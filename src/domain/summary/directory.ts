import type { CallColumns } from '../columns/call-columns.js';

export interface StoredDirectory {
  readonly agents: readonly (readonly [string, string | null])[];
  readonly campaigns: readonly string[];
  readonly skills: readonly (readonly [string, string | null])[];
}

/**
 * Who and what appears in the calls of a range. wolkvox has no campaign list and the cdr_1 report is
 * the only source here, so agents, campaigns and skills are known by the calls that mention them; a
 * name is the one on the latest call (agents get renamed).
 */
export class Directory {
  readonly agents = new Map<string, string | null>();
  /** Campaigns have no names in wolkvox: ids only. */
  readonly campaigns = new Map<string, null>();
  readonly skills = new Map<string, string | null>();

  /** Rows must come in date order, so that later names win. */
  addRow(columns: CallColumns, i: number): void {
    const agentId = columns.text('agentId', i);
    if (agentId !== null) name(this.agents, agentId, columns.text('agentName', i));
    const skillId = columns.text('skillId', i);
    if (skillId !== null) name(this.skills, skillId, columns.text('skillName', i));
    const campaignId = columns.text('campaignId', i);
    if (campaignId !== null) this.campaigns.set(campaignId, null);
  }

  /** As plain data (JSON), for stored roll-ups. */
  stored(): StoredDirectory {
    return { agents: [...this.agents], campaigns: [...this.campaigns.keys()], skills: [...this.skills] };
  }

  static fromStored(stored: StoredDirectory): Directory {
    const directory = new Directory();
    for (const [id, agentName] of stored.agents) directory.agents.set(id, agentName);
    for (const id of stored.campaigns) directory.campaigns.set(id, null);
    for (const [id, skillName] of stored.skills) directory.skills.set(id, skillName);
    return directory;
  }

  /** Adds a later directory's entries. */
  merge(later: Directory): void {
    for (const [id, agentName] of later.agents) name(this.agents, id, agentName);
    for (const [id, skillName] of later.skills) name(this.skills, id, skillName);
    for (const id of later.campaigns.keys()) this.campaigns.set(id, null);
  }
}

/** A later name replaces an earlier one; a missing one does not erase it. */
function name(names: Map<string, string | null>, id: string, value: string | null): void {
  names.set(id, value ?? names.get(id) ?? null);
}
