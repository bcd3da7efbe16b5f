import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node loads its CommonJS build for Apollo, while Vite would pick the
    // ESM build for our sources. Two copies break `instanceof GraphQLError` (errors lose their path), so
    // tests use the one Node uses, as production does.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // One embedded or external PostgreSQL is shared by all files through globalSetup.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Files start their own servers and databases; running them one at a time keeps a 2-core machine responsive.
    fileParallelism: false,
    env: { HUB_LOG: 'silent' },
  },
});
