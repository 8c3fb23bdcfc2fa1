import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const KIT_SOURCES = fileURLToPath(new URL('./packages/subgraph-kit/src/', import.meta.url));

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (index.mjs) and CJS (index.js); Node picks the CJS "main", but Vite
    // would pick the ESM "module" while CJS libraries (@apollo/subgraph) load the CJS build: two
    // graphql realms. Use the one Node uses.
    // The kit (@doelpoort/subgraph-kit) is imported by its package name, as a partner would; here
    // from its sources, as tsconfig.json's "paths" do for tsc and tsx, so no test runs a stale dist/.
    alias: [
      { find: /^graphql$/, replacement: 'graphql/index.js' },
      { find: /^@doelpoort\/subgraph-kit$/, replacement: KIT_SOURCES + 'index.ts' },
      { find: /^@doelpoort\/subgraph-kit\/(.+)$/, replacement: KIT_SOURCES + '$1.ts' },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
