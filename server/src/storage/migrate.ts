/**
 * Brings a database's schema up to date, forward only, each migration in its own transaction, and
 * safely when several processes start at once: SQLite re-reads its version inside BEGIN IMMEDIATE
 * (`PRAGMA user_version`, as since the first release); PostgreSQL holds an advisory lock for the
 * whole run and records its version in `outmerge_schema`. Kysely's own Migrator keeps migrations
 * by name in a table of its own; SQLite files already record a number, so both engines keep the
 * numbered lists.
 */
import { sql } from 'kysely';
import type { OpenDatabase } from './engine.js';
import type { Migration } from './migrations.js';

/** The advisory lock that serialises schema changes of instances starting together. */
const MIGRATION_LOCK = 'outmerge:schema-migrations';

export async function migrate(database: OpenDatabase, migrations: readonly Migration[]): Promise<void> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  if (database.sqlite) {
    const connection = database.sqlite;
    for (const migration of ordered) {
      connection
        .transaction(() => {
          // Re-read inside the write lock: another process may have migrated meanwhile.
          if ((connection.pragma('user_version', { simple: true }) as number) >= migration.version) return;
          connection.exec(migration.sql);
          connection.pragma(`user_version = ${migration.version}`);
        })
        .immediate();
    }
    return;
  }
  await database.db.transaction().execute(async (trx) => {
    await database.engine.lockName(trx, MIGRATION_LOCK);
    await sql`CREATE TABLE IF NOT EXISTS outmerge_schema (version INTEGER NOT NULL)`.execute(trx);
    const current = (await sql<{ version: number }>`SELECT version FROM outmerge_schema`.execute(trx)).rows[0];
    if (!current) await sql`INSERT INTO outmerge_schema (version) VALUES (0)`.execute(trx);
  });
  for (const migration of ordered) {
    await database.db.transaction().execute(async (trx) => {
      await database.engine.lockName(trx, MIGRATION_LOCK);
      const { version } = (await sql<{ version: number }>`SELECT version FROM outmerge_schema`.execute(trx))
        .rows[0] ?? { version: 0 };
      if (version >= migration.version) return;
      // A migration is several statements: sent as one simple query, which PostgreSQL runs inside this transaction.
      await sql.raw(migration.sql).execute(trx);
      await sql`UPDATE outmerge_schema SET version = ${migration.version}`.execute(trx);
    });
  }
}

export async function schemaVersion(database: OpenDatabase): Promise<number> {
  if (database.sqlite) return database.sqlite.pragma('user_version', { simple: true }) as number;
  const exists = (
    await sql<{ name: string | null }>`SELECT to_regclass('outmerge_schema')::text AS name`.execute(database.db)
  ).rows[0]?.name;
  if (!exists) return 0;
  return (
    (await sql<{ version: number }>`SELECT version FROM outmerge_schema`.execute(database.db)).rows[0]?.version ?? 0
  );
}
