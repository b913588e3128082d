import { defineConfig } from 'vitest/config';

/** One embedded PostgreSQL server for the run, started by the projects that need it (tests/helpers/postgresGlobalSetup.ts). */
const POSTGRES = ['tests/helpers/postgresGlobalSetup.ts'];

/**
 * The API tests that also run on PostgreSQL: those whose behaviour rests most on the database —
 * licensing (binding, verified claims, tenant isolation), seats, groups, billing and money, partners, the
 * outbox's claims and value for money. The others exercise pages, stand-ins, the HTTP layer and
 * permission rules decided above the storage (the authorisation matrix alone took 147 s of the
 * 387 s the whole set took on PostgreSQL), which do not change with the engine; the repository
 * contract (tests/storage/) covers each repository on both engines.
 */
const API_ON_POSTGRES = [
  'billing',
  'billingProfile',
  'chargeRecovery',
  'consolidation',
  'checkout',
  'customerList',
  'endedSubscription',
  'groupSeats',
  'identity',
  'invoiceLines',
  'invoicePdf',
  'license',
  'outbox',
  'partners',
  'refunds',
  'seatList',
  'seats',
  'unverifiedClaims',
  'valueForMoney',
].map((name) => `tests/api/${name}.test.ts`);

// Projects: unit tests beside pure logic (and beside the benches' own helpers); API tests through Fastify on a real SQLite
// file, and the database-bound ones again on PostgreSQL; the repository contract and migrations on both engines; system
// tests with real server processes (concurrency, crashes, several instances on one PostgreSQL); end-to-end tests in Chromium.
export default defineConfig({
  test: {
    // End-to-end files run one at a time among themselves (two Chromiums with their servers on two cores slowed a
    // reload-and-resume story past its waits), and Vitest runs a project with its own `maxWorkers` in a group of its own
    // AFTER all the others — so in one process the e2e half ran alone with the second core idle. `npm test` therefore
    // runs two Vitest processes side by side (package.json `test:projects`): the e2e project, and every other project
    // one file at a time (`--maxWorkers 1`, which applies only because no project or root setting here names another).
    // `isolate: false` where set: the files of that project share one module graph in their worker instead of evaluating
    // the server's (or Playwright's) modules again for each file. The import phases fell from 186 s and 65 s to 38 s and
    // 5 s, and `test:projects` from about 13.5 to 9.2 minutes. Safe because those tests keep no state in shared modules
    // (no module-level hooks or mocks; every app, database, server and browser is made by the test that uses it). The
    // system tests, a few long files, stay isolated.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          isolate: false,
          include: [
            'shared/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'addin/src/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'api-pg',
          isolate: false,
          include: API_ON_POSTGRES,
          env: { OUTMERGE_TEST_DATABASE: 'postgres' },
          globalSetup: POSTGRES,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'storage',
          isolate: false,
          include: ['tests/storage/**/*.test.ts'],
          globalSetup: POSTGRES,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['tests/system/**/*.test.ts'],
          globalSetup: POSTGRES,
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          isolate: false,
          include: ['tests/e2e/**/*.test.ts'],
          maxWorkers: 1,
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
