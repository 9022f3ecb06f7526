import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: from the committed schema.graphql, types for the operations in operations/ (used by
 * tests, examples and GraphiQL's default query) and what the client-caches package generates from the
 * schema; and the trusted-documents manifest `operations/generated/persisted-documents.json`
 * (sha256 of each document → its text) that TRUSTED_DOCUMENTS points the server at. Each generated
 * document keeps its text and carries its hash (`__meta__.hash`), so a client can send either.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['operations/**/*.graphql'],
  generates: {
    'operations/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          DateTime: { input: 'string', output: 'string' },
          Decimal: { input: 'string', output: 'string' },
        },
      },
    },
    // For the client-caches package: which types implement which interfaces (Node), for fragment matching
    // in Apollo and graphcache, and Apollo's TypePolicies typed by the schema, every type required, so that
    // a type the schema gains fails `tsc` until the package gives it a policy.
    'packages/client-caches/src/generated/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { module: 'es2015', useExplicitTyping: true },
    },
    'packages/client-caches/src/generated/apollo-helpers.ts': {
      plugins: ['typescript-apollo-client-helpers'],
      config: { useTypeImports: true, requirePoliciesForAllTypes: true },
    },
  },
};

export default config;
