import { defineConfig } from 'vitest/config';

// Four projects: unit tests beside pure logic (and beside the benches' own helpers), API tests through Fastify on a real SQLite file,
// system tests with real server processes (concurrency, crashes), and end-to-end tests in Chromium.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'addin/src/**/*.test.ts', 'bench/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['tests/api/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } },
      { extends: true, test: { name: 'system', include: ['tests/system/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 120_000 } },
    ],
  },
});
