import { defineConfig } from 'vitest/config';

export default defineConfig({
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
