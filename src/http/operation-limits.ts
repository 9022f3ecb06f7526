import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface OperationLimits {
  readonly complexity: number;
  readonly depth: number;
  readonly aliases: number;
  readonly tokens: number;
  /** Days of calls one operation may ask for, over all its distinct ranges. */
  readonly rangeDays: number;
}

export const DEFAULT_LIMITS: OperationLimits = { complexity: 100_000, depth: 12, aliases: 20, tokens: 5_000, rangeDays: 366 };

/**
 * Limits on the shape of an operation, checked before anything runs (GraphQL Armor): depth, aliases,
 * tokens, directives; the cost, which depends on ranges and page sizes, is the complexity plugin's
 * (schema/complexity.ts). Introspection can be turned off. Each rejection says which limit it met;
 * the server gives it its code (server.ts).
 */
export function operationLimitPlugins(limits: OperationLimits, introspection: boolean): Plugin[] {
  const armor = { propagateOnRejection: true, exposeLimits: true };
  const plugins: Plugin[] = [
    maxDepthPlugin({ ...armor, n: limits.depth, flattenFragments: true }),
    maxAliasesPlugin({ ...armor, n: limits.aliases }),
    maxTokensPlugin({ ...armor, n: limits.tokens }),
    maxDirectivesPlugin({ ...armor, n: 20 }),
  ];
  if (!introspection) plugins.push(rule(NoSchemaIntrospectionCustomRule));
  return plugins;
}

function rule(validationRule: ValidationRule): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(validationRule) };
}
