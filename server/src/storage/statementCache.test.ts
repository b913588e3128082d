import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from './statementCache.js';

describe('prepared statements compiled once per connection', () => {
  let db: Database.Database;
  afterEach(() => db.close());

  it('returns the compiled statement for the same SQL, and runs it with new parameters', () => {
    db = cacheStatements(new Database(':memory:'));
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    expect(db.prepare('INSERT INTO t (n) VALUES (?)')).toBe(insert);
    for (const n of [1, 2, 3]) db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
    expect(db.prepare('SELECT SUM(n) AS s FROM t WHERE n >= ?').get(2)).toEqual({ s: 5 });
    expect(db.prepare('SELECT SUM(n) AS s FROM t WHERE n >= ?').get(1)).toEqual({ s: 6 });
    expect(db.prepare('SELECT n FROM t ORDER BY n')).not.toBe(db.prepare('SELECT n FROM t ORDER BY n DESC'));
  });

  it('keeps a bounded number, the least recently used leaving first', () => {
    db = cacheStatements(new Database(':memory:'), 2);
    const a = db.prepare('SELECT 1');
    const b = db.prepare('SELECT 2');
    expect(db.prepare('SELECT 1')).toBe(a); // used: now b is the oldest
    db.prepare('SELECT 3');
    expect(db.prepare('SELECT 1')).toBe(a);
    expect(db.prepare('SELECT 2')).not.toBe(b);
  });

  it('leaves transactions and pragmas to better-sqlite3', () => {
    db = cacheStatements(new Database(':memory:'));
    db.exec('CREATE TABLE t (n INTEGER)');
    expect(() => db.transaction(() => db.prepare('INSERT INTO t (n) VALUES (?)').run(1)).immediate()).not.toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
  });
});
