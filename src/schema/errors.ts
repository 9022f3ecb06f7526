import { GraphQLError } from 'graphql';

/** The client asked for something that cannot be answered as asked; the message says how to fix it. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}
