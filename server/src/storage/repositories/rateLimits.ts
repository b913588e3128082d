/**
 * Request counts per rate-limit key and window, shared by every instance on one PostgreSQL
 * database (the `rate_limits` table is UNLOGGED: a count lost in a crash only lets a few more
 * requests through). One statement per request, atomic by itself: the key's row is created, or
 * counted up, or started afresh when its window has passed.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export class RateLimitRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Counts one request under `key`; the requests counted in the current window, and when that window started. */
  async hit(key: string, windowMs: number, now: number): Promise<{ count: number; windowStart: number }> {
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, window_start: now, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql`CASE WHEN rate_limits.window_start + ${windowMs} <= ${now} THEN 1 ELSE rate_limits.count + 1 END`,
          window_start: sql`CASE WHEN rate_limits.window_start + ${windowMs} <= ${now} THEN ${now} ELSE rate_limits.window_start END`,
        }),
      )
      .returning(['count', 'window_start as windowStart'])
      .executeTakeFirstOrThrow();
    return row;
  }

  /** Forgets windows that ended before `before` (the table would otherwise keep every client address ever seen). */
  async forgetBefore(before: number): Promise<number> {
    const result = await this.db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
