import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (index.mjs) and CJS (index.js); Node picks the CJS "main", but Vite
    // would pick the ESM "module" while CJS libraries (@apollo/subgraph) load the CJS build: two
    // graphql realms. Use the one Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
