import { z } from 'zod';
import { interactionTypeOf, type CallRecord } from '../domain/model/call-record.js';
import { toDecimalText } from '../domain/model/decimal.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { parseRowDate } from './wire-dates.js';

/**
 * The wire format of `cdr_1`, defined once. wolkvox documents every field as a string; we also take
 * numbers (rendered back to text) and missing or null fields (as empty), and never trust more than that.
 */

/** The response envelope. `code` has been seen as a number and as a string; `data` as a list or one object. */
export const cdrEnvelope = z.object({
  code: z.union([z.number(), z.string()]).nullish(),
  error: z.unknown().optional(),
  msg: z.union([z.string(), z.number()]).nullish(),
  data: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown()), z.null()]).optional(),
});

/** The 20 fields of the seed's response table, in its order. */
export const CDR_FIELDS = [
  'agent_name', 'date', 'destiny', 'telephone', 'cost', 'time_seg', 'time_min', 'cod_act', 'cod_act_2',
  'description_cod_act', 'description_cod_act_2', 'type_interaction', 'customer_id', 'hang_up',
  'campaign_id', 'conn_id', 'skill_id', 'skill_name', 'agent_id', 'comment',
] as const;
type CdrField = (typeof CDR_FIELDS)[number];

const strictRow = z.object(Object.fromEntries(CDR_FIELDS.map((field) => [field, z.string()])) as Record<CdrField, z.ZodString>);

/**
 * Numbers become their text, null or missing fields become empty; anything else
 * (an object, a list) is left for the schema to reject. One pass over the row: a zod transform per
 * field would cost several times the JSON parsing itself.
 */
function lenientFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const field of CDR_FIELDS) {
    const v = source[field];
    row[field] = v == null ? '' : typeof v === 'number' ? String(v) : v;
  }
  return row;
}

/**
 * A row as wolkvox sends it. Rows of only strings (all of them, in practice) take the fast strict
 * branch; the lenient branch is tried only when that fails.
 */
const cdrRow = z.union([strictRow, z.preprocess(lenientFields, strictRow)]);
export type CdrRow = z.infer<typeof strictRow>;

/**
 * A normalized row without its id: the id is the plain one (call-id.ts) unless legs of the response
 * share it, which only the whole response tells.
 */
export type CdrLeg = Omit<CallRecord, 'id'>;

const INTEGER_TEXT = /^\d+(?:\.0*)?$/;
/** wolkvox writes `-` for "no value" in code fields; empty means the same. */
const orNull = (text: string): string | null => {
  const trimmed = text.trim();
  return trimmed === '' || trimmed === '-' ? null : trimmed;
};

/** A field of a row that cannot be read, and why. */
export interface RowProblem {
  readonly field: keyof CdrRow;
  readonly message: string;
}

/**
 * A row of strings normalized to a CallRecord shape, or what keeps it from being read. The one
 * definition of a row's meaning: the zod schema below reports its problems as issues, and the reader's
 * fast path (cdr-response.ts) calls it directly on rows that are plainly all strings.
 */
export function normalizeCdrRow(row: CdrRow, clock: ZoneClock): CdrLeg | RowProblem[] {
  const wall = parseRowDate(row.date.trim());
  // No cost or duration means nothing was billed or talked (e.g. unanswered legs): zero, not an error.
  const cost = toDecimalText(orNull(row.cost) ?? '0');
  const secondsText = orNull(row.time_seg) ?? '0';
  const minutesText = orNull(row.time_min);
  const billedMinutes = minutesText === null ? null : toDecimalText(minutesText);
  const secondsValid = INTEGER_TEXT.test(secondsText);
  const minutesValid = minutesText === null || billedMinutes !== null;
  if (!wall || cost === null || !secondsValid || !minutesValid) {
    // Written out only for the rare row that fails: a closure per row costs more than reading it.
    const problems: RowProblem[] = [];
    const fail = (field: keyof CdrRow, message: string) => problems.push({ field, message: `${message}: ${JSON.stringify(row[field])}` });
    if (!wall) fail('date', 'not a date in a known format');
    if (cost === null) fail('cost', 'not a decimal number');
    if (!secondsValid) fail('time_seg', 'not a whole number of seconds');
    if (!minutesValid) fail('time_min', 'not a decimal number');
    return problems;
  }

  const typeRaw = row.type_interaction.trim();
  const connId = row.conn_id.trim();
  const date = clock.toInstant(wall);
  return {
    connId,
    date,
    destiny: orNull(row.destiny),
    telephone: orNull(row.telephone),
    cost,
    durationSeconds: Number.parseInt(secondsText, 10),
    billedMinutes,
    codAct: orNull(row.cod_act),
    codAct2: orNull(row.cod_act_2),
    descriptionCodAct: orNull(row.description_cod_act),
    descriptionCodAct2: orNull(row.description_cod_act_2),
    type: interactionTypeOf(typeRaw),
    typeRaw,
    customerId: orNull(row.customer_id),
    hangUp: orNull(row.hang_up),
    comment: orNull(row.comment),
    agentId: orNull(row.agent_id),
    agentName: orNull(row.agent_name),
    campaignId: orNull(row.campaign_id),
    skillId: orNull(row.skill_id),
    skillName: orNull(row.skill_name),
  };
}

// At module level: a closure made per row costs more than the check (tsx keeps function names, by a property definition per closure).
const text = (field: unknown) => typeof field === 'string';

/** True when `value` passes the strict branch of `cdrRow`: an object whose 20 fields are all strings. */
export function isStrictCdrRow(value: unknown): value is CdrRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // Each field read by name: rows share one shape, so these loads are the fast kind, where a loop over
  // CDR_FIELDS reads by computed key (a third of the time JSON.parse takes over the same rows).
  const row = value as Partial<Record<CdrField, unknown>>;
  return (
    text(row.agent_name) && text(row.date) && text(row.destiny) && text(row.telephone) && text(row.cost) &&
    text(row.time_seg) && text(row.time_min) && text(row.cod_act) && text(row.cod_act_2) && text(row.description_cod_act) &&
    text(row.description_cod_act_2) && text(row.type_interaction) && text(row.customer_id) && text(row.hang_up) &&
    text(row.campaign_id) && text(row.conn_id) && text(row.skill_id) && text(row.skill_name) && text(row.agent_id) && text(row.comment)
  );
}

/**
 * The row schema for one operation's time zone: validates, then normalizes to a CallRecord shape.
 * Each problem is a zod issue on the field's path, so a rejected row says exactly why.
 */
export function cdrRowToCall(clock: ZoneClock) {
  return cdrRow.transform((row, ctx): CdrLeg => {
    const normalized = normalizeCdrRow(row, clock);
    if (!Array.isArray(normalized)) return normalized;
    for (const { field, message } of normalized) ctx.addIssue({ code: 'custom', path: [field], message });
    return z.NEVER;
  });
}
