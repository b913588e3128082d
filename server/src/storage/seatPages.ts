/**
 * The portal's seat list (A2), one page at a time, at 100,000 seats.
 *
 * - Every sort walks one index of migration 4 in order; the address breaks ties, so every row has
 *   one place in every order.
 * - Keyset paging: a page asked for `after` a row (the cursor of the previous page's last row)
 *   seeks in the index to that row and reads only its own rows, however deep it is. A page asked
 *   for by `offset` (the portal jumping when its scroll bar is dragged) still skips rows, as the
 *   portal needs random access; reading on from a page it has uses the cursor.
 * - The total: without a search, the subscription's live-seat count that the seat triggers keep
 *   (`live_seats`), never a COUNT. With a search, the page itself when it holds every match (one
 *   row more than the page is read to know), a COUNT of the matches only otherwise.
 */
import type Database from 'better-sqlite3';

export type SeatSort = 'email' | 'status' | 'lastCheckIn' | 'assignedAt';

/** Where a page starts: after this row of the same search and order. */
export interface SeatCursor {
  /** The row's sort key: status rank, check-in or assignment time; null for the email sort and for a seat never checked in. */
  key: number | null;
  email: string;
}

export interface SeatQuery {
  search?: string;
  sort: SeatSort;
  descending: boolean;
  /** Rows to skip; ignored when `after` is given. */
  offset: number;
  after?: SeatCursor;
  limit: number;
}

export interface SeatRow {
  id: string;
  subscriptionId: string;
  emailCanonical: string;
  emailDisplay: string;
  language: string;
  boundTenantId: string | null;
  boundObjectId: string | null;
  assignedAt: number;
  lastCheckInAt: number | null;
  removedAt: number | null;
  suspendedAt: number | null;
}

export interface SeatPage {
  /** Live seats matching the search (all live seats without one). */
  total: number;
  items: SeatRow[];
  /** The cursor of the page's last row when more rows follow, else null. */
  next: SeatCursor | null;
}

export const SEAT_COLUMNS = `
  seats.id, seats.subscription_id AS subscriptionId, seats.email_canonical AS emailCanonical,
  seats.email_display AS emailDisplay, seats.language, seats.bound_tenant_id AS boundTenantId,
  seats.bound_object_id AS boundObjectId, seats.assigned_at AS assignedAt,
  seats.last_check_in_at AS lastCheckInAt, seats.removed_at AS removedAt, seats.suspended_at AS suspendedAt`;

/** Seat status order for sorting: pending, active, suspended. The same expression as the index seats_live_status (migration 4). */
const SEAT_STATUS_RANK = `(CASE WHEN suspended_at IS NOT NULL THEN 3 WHEN bound_object_id IS NULL THEN 1 ELSE 2 END)`;

/** Each sort's key before the address (none for the address itself), and whether it can be NULL. */
const SORT_KEY: Record<SeatSort, { sql: string; nullable: boolean } | null> = {
  email: null,
  status: { sql: SEAT_STATUS_RANK, nullable: false },
  lastCheckIn: { sql: 'seats.last_check_in_at', nullable: true },
  assignedAt: { sql: 'seats.assigned_at', nullable: false },
};

const EMAIL = 'seats.email_canonical';

/** A run of the order that one index range reads in order. */
export interface Segment {
  where: string;
  params: unknown[];
  order: string;
}

/**
 * The rows after `after` in the order (sort, direction), as index ranges read one after another.
 * SQLite sorts NULL first ascending and last descending, so "never checked in" comes first when
 * ascending, last when descending. Each range is an equality or an inequality on the index's
 * columns, so SQLite seeks instead of scanning: a row value `(key, email) > (?, ?)` is not used as
 * a range on the status index, whose key is an expression, hence "same key, later address" and
 * "later key" as two ranges; the first is ordered by the address alone, which is the index order
 * under an equal key (ordering it by the key too makes SQLite sort).
 */
export function seatSegments(sort: SeatSort, descending: boolean, after?: SeatCursor): Segment[] {
  const direction = descending ? 'DESC' : 'ASC';
  const later = descending ? '<' : '>';
  const key = SORT_KEY[sort];
  const fullOrder = [...(key ? [key.sql] : []), EMAIL].map((term) => `${term} ${direction}`).join(', ');
  const byEmail = `${EMAIL} ${direction}`;
  if (!after) return [{ where: '', params: [], order: fullOrder }];
  if (!key) return [{ where: `${EMAIL} ${later} ?`, params: [after.email], order: byEmail }];
  if (after.key === null) {
    const nulls = { where: `${key.sql} IS NULL AND ${EMAIL} ${later} ?`, params: [after.email], order: byEmail };
    return descending ? [nulls] : [nulls, { where: `${key.sql} IS NOT NULL`, params: [], order: fullOrder }];
  }
  const segments = [
    { where: `${key.sql} = ? AND ${EMAIL} ${later} ?`, params: [after.key, after.email], order: byEmail },
    { where: `${key.sql} ${later} ?`, params: [after.key], order: fullOrder },
  ];
  return key.nullable && descending ? [...segments, { where: `${key.sql} IS NULL`, params: [], order: byEmail }] : segments;
}

const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function querySeatPage(db: Database.Database, subscriptionId: string, query: SeatQuery): SeatPage {
  const search = query.search?.trim().toLowerCase() ?? '';
  const where = `seats.subscription_id = ? AND seats.removed_at IS NULL${search ? ` AND ${EMAIL} LIKE ? ESCAPE '\\'` : ''}`;
  const params: unknown[] = [subscriptionId, ...(search ? [likePattern(search)] : [])];
  const key = SORT_KEY[query.sort];
  const offset = query.after ? 0 : query.offset;
  // One row beyond the page tells whether more follow.
  const wanted = query.limit + 1;
  const rows: Array<SeatRow & { sortKey: number | null }> = [];
  for (const segment of seatSegments(query.sort, query.descending, query.after)) {
    const sql = `SELECT ${SEAT_COLUMNS}, ${key ? key.sql : 'NULL'} AS sortKey FROM seats WHERE ${where}${segment.where ? ` AND ${segment.where}` : ''} ORDER BY ${segment.order} LIMIT ? OFFSET ?`;
    rows.push(...(db.prepare(sql).all(...params, ...segment.params, wanted - rows.length, offset) as Array<SeatRow & { sortKey: number | null }>));
    if (rows.length >= wanted) break;
  }
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    total: total(db, subscriptionId, { where, params, search, offset, after: query.after, read: page.length, more }),
    items: page.map(({ sortKey: _sortKey, ...seat }) => seat),
    next: more && last ? { key: last.sortKey, email: last.emailCanonical } : null,
  };
}

function total(db: Database.Database, subscriptionId: string, page: { where: string; params: unknown[]; search: string; offset: number; after: SeatCursor | undefined; read: number; more: boolean }): number {
  if (!page.search) return (db.prepare('SELECT live_seats AS n FROM subscriptions WHERE id = ?').get(subscriptionId) as { n: number } | undefined)?.n ?? 0;
  // The page reached the last match from a known position: every match was skipped or read.
  if (!page.more && !page.after && (page.read > 0 || page.offset === 0)) return page.offset + page.read;
  return (db.prepare(`SELECT COUNT(*) AS n FROM seats WHERE ${page.where}`).get(...page.params) as { n: number }).n;
}
