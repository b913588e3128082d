/**
 * Prepared statements, compiled once per connection. better-sqlite3 compiles the SQL on every
 * `prepare()` (SQLite's sqlite3_prepare_v3, tens of microseconds for a join), and a compiled
 * statement can be run any number of times with new parameters. The storage modules write
 * `this.db.prepare(sql).get(…)` where they use a query; this makes that call return the
 * connection's compiled statement for the same SQL text, so every module gains without carrying
 * statement fields of its own.
 *
 * Safe because the storage modules only call `run`, `get` and `all` on what `prepare` returns:
 * each runs to completion before returning, so one statement is never in use twice at once.
 * Never call `iterate`, `pluck`, `raw`, `expand` or `safeIntegers` on a statement from `prepare`
 * (they would change or hold the shared one); `db.pragma` and transactions use better-sqlite3's
 * own statements and are not affected.
 *
 * The cache is bounded (least recently used out): SQL built per call, such as an `IN (?, ?, …)`
 * list as long as a request's addresses, cannot grow it without limit.
 */
import type Database from 'better-sqlite3';

/** Distinct SQL texts kept compiled: the storage modules have about 200; dynamic ones come and go. */
export const STATEMENT_CACHE_SIZE = 1000;

export function cacheStatements(db: Database.Database, size = STATEMENT_CACHE_SIZE): Database.Database {
  const compile = db.prepare.bind(db);
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
    } else {
      statement = compile(sql);
      if (statements.size >= size) statements.delete(statements.keys().next().value as string);
    }
    statements.set(sql, statement);
    return statement;
  };
  db.prepare = prepare as Database.Database['prepare'];
  return db;
}
