import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: types for the operations in operations/ (used by tests, examples and GraphiQL's
 * default query), and the interface map the client caches need, generated from the committed
 * schema.graphql, and the trusted-documents manifest `operations/generated/persisted-documents.json`
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
    // Which types implement which interfaces (Node), for the client caches' fragment matching (examples/client-caches).
    'examples/client-caches/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { module: 'es2015', useExplicitTyping: true },
    },
  },
};

export default config;
