import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: types for the operations in operations/ (used by tests, examples and GraphiQL's
 * default query), generated from the committed schema.graphql.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['operations/**/*.graphql'],
  generates: {
    'operations/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          DateTime: { input: 'string', output: 'string' },
          Decimal: { input: 'string', output: 'string' },
        },
      },
    },
  },
};

export default config;
