/**
 * The two database engines, and every way they differ, in one place.
 *
 * - SQLite (the embedded default of `npm start`): one file through better-sqlite3 (WAL,
 *   synchronous=FULL, foreign keys, each SQL text compiled once: ./statementCache.ts). Every
 *   transaction begins IMMEDIATE, taking the database's one write lock at once, so a
 *   check-then-write cannot interleave with another writer, also of a second process. SQLite has
 *   no row locks: `.forUpdate()` and `.skipLocked()` compile to nothing here, since the
 *   transaction already holds more than they would.
 * - PostgreSQL (`DATABASE_URL`): a pg Pool; transactions are READ COMMITTED and the repositories
 *   lock what they check before writing (`SELECT … FOR UPDATE`, advisory locks). BIGINT and
 *   NUMERIC (counts, sums, epoch milliseconds, minor units) arrive as strings from pg: they are
 *   read as numbers here, and refused if they would not be exact. Text is compared and sorted
 *   byte-wise (`COLLATE "C"` in ./postgresMigrations.ts), as SQLite does, so pages and cursors
 *   order rows the same way on both; `lower()` then folds ASCII only, as SQLite's does.
 */
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  SqliteQueryCompiler,
  sql,
  type DatabaseConnection,
  type Expression,
  type RawBuilder,
  type SelectModifierNode,
} from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Schema } from './schema.js';
import { cacheStatements } from './statementCache.js';

export type EngineName = 'sqlite' | 'postgres';

/** The few SQL spellings the engines do not share. */
export interface EngineSql {
  readonly name: EngineName;
  /** The larger of two values: SQLite's two-argument max(), PostgreSQL's greatest(). */
  greatest(a: Expression<number>, b: Expression<number>): RawBuilder<number>;
  /**
   * Holds a named lock until the transaction ends, where no row can be locked (a person about to
   * bind a seat, the first signing key): pg_advisory_xact_lock on PostgreSQL; nothing on SQLite,
   * whose BEGIN IMMEDIATE already holds the whole database.
   */
  lockName(db: Kysely<Schema>, name: string): Promise<void>;
}

export interface OpenDatabase {
  readonly engine: EngineSql;
  readonly db: Kysely<Schema>;
  /** SQLite only: the connection (integrity checks, the schema version pragma). */
  readonly sqlite: Database.Database | null;
  close(): Promise<void>;
}

const SQLITE: EngineSql = {
  name: 'sqlite',
  greatest: (a, b) => sql<number>`max(${a}, ${b})`,
  lockName: async () => {},
};

const POSTGRES: EngineSql = {
  name: 'postgres',
  greatest: (a, b) => sql<number>`greatest(${a}, ${b})`,
  lockName: async (db, name) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(db);
  },
};

/**
 * One writer per file in this process, awaited. Two connections to one file in one process (a
 * test's second "instance", a command next to the server) must not both reach BEGIN IMMEDIATE:
 * better-sqlite3 waits for SQLite's lock synchronously (busy_timeout), blocking the event loop
 * that the other transaction needs to finish. Across processes SQLite's own lock and busy_timeout
 * serialise writers as before.
 */
class FileWriterLock {
  private static readonly locks = new Map<string, FileWriterLock>();
  private tail: Promise<void> = Promise.resolve();

  static of(file: string): FileWriterLock {
    const key = file === ':memory:' ? `:memory:${Math.random()}` : path.resolve(file);
    let lock = FileWriterLock.locks.get(key);
    if (!lock) FileWriterLock.locks.set(key, (lock = new FileWriterLock()));
    return lock;
  }

  /** Resolves when this caller holds the lock; call the returned function to let the next one in. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

/** BEGIN IMMEDIATE instead of Kysely's deferred BEGIN: the write lock is taken before the first read of a check-then-write. */
class ImmediateSqliteDriver extends SqliteDriver {
  private release: (() => void) | null = null;

  constructor(
    connection: Database.Database,
    private readonly writers: FileWriterLock,
  ) {
    super({ database: connection });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const release = await this.writers.acquire();
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (error) {
      release();
      throw error;
    }
    this.release = release;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('commit'));
    } finally {
      this.letNextWriterIn();
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      this.letNextWriterIn();
    }
  }

  private letNextWriterIn(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }
}

const ROW_LOCKS = new Set(['ForUpdate', 'ForShare', 'ForNoKeyUpdate', 'ForKeyShare', 'NoWait', 'SkipLocked']);

/** SQLite has no row locks (and no such syntax): BEGIN IMMEDIATE holds the database, so a row lock asks for nothing more. */
class SqliteWithoutRowLocks extends SqliteQueryCompiler {
  protected override visitSelectModifier(node: SelectModifierNode): void {
    if (node.modifier !== undefined && ROW_LOCKS.has(node.modifier)) return;
    super.visitSelectModifier(node);
  }
}

class OutmergeSqliteDialect extends SqliteDialect {
  constructor(
    private readonly connection: Database.Database,
    private readonly file: string,
  ) {
    super({ database: connection });
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.connection, FileWriterLock.of(this.file));
  }

  override createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteWithoutRowLocks();
  }
}

export function openSqlite(file: string): OpenDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = cacheStatements(new Database(file));
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new OutmergeSqliteDialect(connection, file) });
  return { engine: SQLITE, db, sqlite: connection, close: () => db.destroy() };
}

const INT8 = 20;
const NUMERIC = 1700;

/** pg returns BIGINT and NUMERIC as text (they can exceed a double); ours are counts, sums and epoch milliseconds, exact as numbers. */
function exactNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`PostgreSQL returned ${text}, which is not an exact integer for JavaScript.`);
  return value;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? exactNumber
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export function openPostgres(url: string, options: { poolSize?: number } = {}): OpenDatabase {
  // No connectionTimeoutMillis: pg-pool counts a request's wait in its queue against it, so a burst of
  // writes queued behind one subscription's row lock failed with 500s under load. Readiness bounds its
  // own wait for the database (routes/health.ts), and the HTTP request timeout bounds a client's.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
  // An idle client's connection dropped by the server (a failover, a restart) is replaced on the next checkout; without a listener it would crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { engine: POSTGRES, db, sqlite: null, close: () => db.destroy() };
}

/** A PostgreSQL error that only says "try the transaction again": a deadlock detected, or a serialization failure. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
