import type { DecimalText } from './decimal.js';

export const INTERACTION_TYPES = ['INBOUND', 'OUTBOUND', 'INTERNAL', 'OTHER'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

/**
 * One call leg from the wolkvox `cdr_1` report, validated and normalized once at the boundary.
 * Text fields the upstream sends as `-` or empty are `null`.
 */
export interface CallRecord {
  /** Unique and stable across refetches of the same window; carries the call's instant (see call-id.ts). */
  readonly id: string;
  readonly connId: string;
  /** The call's instant, epoch milliseconds (the upstream's local wall-clock time resolved in the operation's zone). */
  readonly date: number;
  readonly destiny: string | null;
  readonly telephone: string | null;
  readonly cost: DecimalText;
  readonly durationSeconds: number;
  readonly billedMinutes: DecimalText | null;
  readonly codAct: string | null;
  readonly codAct2: string | null;
  readonly descriptionCodAct: string | null;
  readonly descriptionCodAct2: string | null;
  readonly type: InteractionType;
  readonly typeRaw: string;
  readonly customerId: string | null;
  readonly hangUp: string | null;
  readonly comment: string | null;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly campaignId: string | null;
  readonly skillId: string | null;
  readonly skillName: string | null;
}

/** Maps `type_interaction` text to the graph's enum; `outbound_ma` and other `outbound_*` are outbound. */
export function interactionTypeOf(raw: string): InteractionType {
  const text = raw.trim().toLowerCase();
  if (text === 'inbound') return 'INBOUND';
  if (text === 'internal') return 'INTERNAL';
  if (text === 'outbound' || text.startsWith('outbound_')) return 'OUTBOUND';
  return 'OTHER';
}
