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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
