import { GraphQLError } from 'graphql';

/** The client asked for something that cannot be answered as asked; the message says how to fix it. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

/** Root fields that read wolkvox are nullable so that one failing range does not blank the whole answer. */
export const UPSTREAM_NULL = ' Null, with the reason in `errors`, when wolkvox could not supply the range; the other fields of the operation still answer.';
