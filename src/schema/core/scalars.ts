import { Kind, print, type ValueNode } from 'graphql';
import { DateTime } from 'luxon';
import { decimalText, toDecimalText, type DecimalText } from '../../domain/model/decimal.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

function parseDateTime(value: unknown): number {
  const text = typeof value === 'string' ? value.trim() : null;
  const parsed = text !== null && WITH_OFFSET.test(text) ? DateTime.fromISO(text, { setZone: true }) : null;
  if (!parsed?.isValid) {
    throw badUserInput(
      `DateTime must be an ISO-8601 date and time with an offset or Z, e.g. "2025-03-04T00:00:00-05:00"; got ${JSON.stringify(value)}`,
    );
  }
  return parsed.toMillis();
}

/** A literal as the client wrote it (`1741064400`, `true`), so that a refusal can quote it. */
function literalValue(node: ValueNode): unknown {
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  if (node.kind === Kind.NULL) return null;
  return print(node);
}

function parseDecimal(value: unknown): DecimalText {
  const parsed = typeof value === 'string' ? toDecimalText(value.trim()) : null;
  if (parsed === null) throw badUserInput(`Decimal must be a decimal number written as a string, e.g. "1520.75"; got ${JSON.stringify(value)}`);
  return parsed;
}

builder.scalarType('DateTime', {
  description:
    'An instant as ISO-8601 text with an offset. Inputs must carry an offset or `Z` (a bare local time is ambiguous). ' +
    'Outputs are in the operation\'s time zone (`WOLKVOX_TIMEZONE`), to the second, e.g. `2025-03-04T10:22:11-05:00`; ' +
    'only an instant a client gave with fractions of a second is printed back with them (a range\'s `from`/`to`).',
  serialize: (value) => value,
  parseValue: parseDateTime,
  parseLiteral: (node) => parseDateTime(literalValue(node)),
});

builder.scalarType('Decimal', {
  description: 'An exact decimal number, written as a JSON string to keep every digit, e.g. `"1520.75"`. Never rounded through binary floating point.',
  serialize: (value) => (typeof value === 'string' ? value : decimalText(value)),
  parseValue: parseDecimal,
  parseLiteral: (node) => parseDecimal(literalValue(node)),
});
