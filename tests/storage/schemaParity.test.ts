/**
 * The two engines' migrations reach one schema: the same tables with the same columns, nullability
 * and primary keys (compared through Kysely's introspection of each), apart from the tables only
 * several instances on PostgreSQL need.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { ENGINES } from './engines.js';

/** Tables of PostgreSQL alone: shared signing keys and rate limits (one SQLite process keeps them in its data folder and memory), and the schema version (SQLite's is a pragma). */
const POSTGRES_ONLY = ['signing_keys', 'rate_limits', 'outmerge_schema'];

/**
 * What SQLite's introspection reports differently by SQLite's own rules, not ours: a PRIMARY KEY
 * other than INTEGER may hold NULL (a legacy quirk its documentation keeps; no row of ours has one),
 * and an INTEGER PRIMARY KEY is the rowid, "auto-incrementing" whether or not it was declared
 * AUTOINCREMENT (invoice_sequences.year is a year, given by us).
 */
async function sqliteQuirks(
  uow: UnitOfWork,
  table: string,
): Promise<{ primaryKey: Set<string>; autoincrement: boolean }> {
  const rows = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) WHERE pk > 0`.execute(
    uow.read.db,
  );
  const definition = await sql<{
    sql: string;
  }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(uow.read.db);
  return {
    primaryKey: new Set(rows.rows.map((row) => row.name)),
    autoincrement: /AUTOINCREMENT/i.test(definition.rows[0]?.sql ?? ''),
  };
}

async function shape(
  uow: UnitOfWork,
): Promise<Record<string, Record<string, { nullable: boolean; generated: boolean }>>> {
  const tables = (await uow.read.db.introspection.getTables()).filter((table) => !POSTGRES_ONLY.includes(table.name));
  const shapes: Array<[string, Record<string, { nullable: boolean; generated: boolean }>]> = [];
  for (const table of tables) {
    const quirks =
      uow.engine === 'sqlite'
        ? await sqliteQuirks(uow, table.name)
        : { primaryKey: new Set<string>(), autoincrement: true };
    shapes.push([
      table.name,
      Object.fromEntries(
        table.columns.map((column) => [
          column.name,
          {
            nullable: column.isNullable && !quirks.primaryKey.has(column.name),
            generated: column.isAutoIncrementing && quirks.autoincrement,
          },
        ]),
      ),
    ]);
  }
  return Object.fromEntries(shapes.sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('schema parity', () => {
  it("PostgreSQL's migrations reach SQLite's tables and columns", async () => {
    const shapes = [];
    for (const engine of ENGINES) {
      const database = await engine.create();
      const uow = await database.open();
      try {
        shapes.push(await shape(uow));
      } finally {
        await uow.close();
        await database.drop();
      }
    }
    const [sqlite, postgres] = shapes;
    expect(Object.keys(postgres!)).toEqual(Object.keys(sqlite!));
    expect(postgres).toEqual(sqlite);
  });
});
