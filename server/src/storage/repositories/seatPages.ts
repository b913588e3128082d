/**
 * The portal's seat list (A2), one page at a time, at 100,000 seats, on either engine.
 *
 * - Every sort walks one index of migration 4 in order; the address breaks ties, so every row has
 *   one place in every order.
 * - Keyset paging: a page asked for `after` a row (the cursor of the previous page's last row)
 *   seeks in the index to that row and reads only its own rows, however deep it is. A page asked
 *   for by `offset` (the portal jumping when its scroll bar is dragged) still skips rows, as the
 *   portal needs random access; reading on from a page it has uses the cursor.
 * - The total: without a search, the subscription's kept live-seat count (`live_seats`, written by
 *   ./subscriptions.ts with every seat change), never a COUNT. With a search, the page itself when
 *   it holds every match (one row more than the page is read to know), a COUNT of the matches only
 *   otherwise.
 * - A seat never checked in sorts first ascending and last descending, as SQLite orders NULL by
 *   default; the order says so explicitly, so that PostgreSQL (NULL last ascending by default,
 *   and its index declared `NULLS FIRST`) gives the same pages.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../schema.js';

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

export const SEAT_COLUMNS = [
  'seats.id',
  'seats.subscription_id as subscriptionId',
  'seats.email_canonical as emailCanonical',
  'seats.email_display as emailDisplay',
  'seats.language',
  'seats.bound_tenant_id as boundTenantId',
  'seats.bound_object_id as boundObjectId',
  'seats.assigned_at as assignedAt',
  'seats.last_check_in_at as lastCheckInAt',
  'seats.removed_at as removedAt',
  'seats.suspended_at as suspendedAt',
] as const;

/** Seat status order for sorting: pending, active, suspended. The same expression as the index seats_live_status (migration 4). */
const SEAT_STATUS_RANK = sql<number>`(CASE WHEN suspended_at IS NOT NULL THEN 3 WHEN bound_object_id IS NULL THEN 1 ELSE 2 END)`;

/** Each sort's key before the address (none for the address itself), and whether it can be NULL. */
const SORT_KEY: Record<SeatSort, { sql: RawBuilder<number | null>; nullable: boolean } | null> = {
  email: null,
  status: { sql: SEAT_STATUS_RANK, nullable: false },
  lastCheckIn: { sql: sql<number | null>`seats.last_check_in_at`, nullable: true },
  assignedAt: { sql: sql<number>`seats.assigned_at`, nullable: false },
};

const EMAIL = sql<string>`seats.email_canonical`;

/** A run of the order that one index range reads in order. */
export interface Segment {
  where: RawBuilder<boolean> | null;
  order: RawBuilder<unknown>;
}

function orderBy(
  key: { sql: RawBuilder<number | null>; nullable: boolean } | null,
  descending: boolean,
): RawBuilder<unknown> {
  const direction = sql.raw(descending ? 'DESC' : 'ASC');
  if (!key) return sql`${EMAIL} ${direction}`;
  const nulls = key.nullable ? sql.raw(descending ? ' NULLS LAST' : ' NULLS FIRST') : sql.raw('');
  return sql`${key.sql} ${direction}${nulls}, ${EMAIL} ${direction}`;
}

/**
 * The rows after `after` in the order (sort, direction), as index ranges read one after another.
 * Never checked in comes first ascending, last descending. Each range is an equality or an
 * inequality on the index's columns, so the engine seeks instead of scanning: a row value
 * `(key, email) > (?, ?)` is not used as a range on the status index, whose key is an expression,
 * hence "same key, later address" and "later key" as two ranges; the first is ordered by the
 * address alone, which is the index order under an equal key (ordering it by the key too makes
 * SQLite sort).
 */
export function seatSegments(sort: SeatSort, descending: boolean, after?: SeatCursor): Segment[] {
  const later = sql.raw(descending ? '<' : '>');
  const key = SORT_KEY[sort];
  const fullOrder = orderBy(key, descending);
  const byEmail = orderBy(null, descending);
  if (!after) return [{ where: null, order: fullOrder }];
  if (!key) return [{ where: sql<boolean>`${EMAIL} ${later} ${after.email}`, order: byEmail }];
  if (after.key === null) {
    const nulls = { where: sql<boolean>`${key.sql} IS NULL AND ${EMAIL} ${later} ${after.email}`, order: byEmail };
    return descending ? [nulls] : [nulls, { where: sql<boolean>`${key.sql} IS NOT NULL`, order: fullOrder }];
  }
  const segments = [
    { where: sql<boolean>`${key.sql} = ${after.key} AND ${EMAIL} ${later} ${after.email}`, order: byEmail },
    { where: sql<boolean>`${key.sql} ${later} ${after.key}`, order: fullOrder },
  ];
  return key.nullable && descending
    ? [...segments, { where: sql<boolean>`${key.sql} IS NULL`, order: byEmail }]
    : segments;
}

/** `%text%` for LIKE with its wildcards escaped (ESCAPE '\'). */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function matchingSeats(db: Kysely<Schema>, subscriptionId: string, search: string) {
  return db
    .selectFrom('seats')
    .where('seats.subscription_id', '=', subscriptionId)
    .where('seats.removed_at', 'is', null)
    .$if(search !== '', (qb) => qb.where(sql<boolean>`${EMAIL} LIKE ${containsPattern(search)} ESCAPE '\\'`));
}

/** Up to `wanted` rows of the order from the page's start, each with its sort key, read segment after segment. */
async function readRows(
  matching: ReturnType<typeof matchingSeats>,
  query: SeatQuery,
  wanted: number,
): Promise<Array<SeatRow & { sortKey: number | null }>> {
  const key = SORT_KEY[query.sort];
  const offset = query.after ? 0 : query.offset;
  const rows: Array<SeatRow & { sortKey: number | null }> = [];
  for (const segment of seatSegments(query.sort, query.descending, query.after)) {
    const page = await matching
      .select(SEAT_COLUMNS)
      .select((key ? key.sql : sql<null>`NULL`).as('sortKey'))
      .$if(segment.where !== null, (qb) => qb.where(segment.where!))
      .orderBy(segment.order)
      .limit(wanted - rows.length)
      .offset(offset)
      .execute();
    rows.push(...(page as Array<SeatRow & { sortKey: number | null }>));
    if (rows.length >= wanted) break;
  }
  return rows;
}

/**
 * The page's rows alone: what `querySeatPage` reads, without the total and the cursor. Not used by the
 * product; it is the floor `npm run bench` measures the seat list's route against (bench/portalSeats.ts),
 * kept here so that the bench times the product's own query.
 */
export async function querySeatRows(db: Kysely<Schema>, subscriptionId: string, query: SeatQuery): Promise<SeatRow[]> {
  const rows = await readRows(
    matchingSeats(db, subscriptionId, query.search?.trim().toLowerCase() ?? ''),
    query,
    query.limit,
  );
  return rows.map(({ sortKey: _sortKey, ...seat }) => seat);
}

export async function querySeatPage(db: Kysely<Schema>, subscriptionId: string, query: SeatQuery): Promise<SeatPage> {
  const search = query.search?.trim().toLowerCase() ?? '';
  const matching = matchingSeats(db, subscriptionId, search);
  const offset = query.after ? 0 : query.offset;
  // One row beyond the page tells whether more follow.
  const rows = await readRows(matching, query, query.limit + 1);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  let total: number;
  if (!search) {
    total =
      (await db.selectFrom('subscriptions').select('live_seats').where('id', '=', subscriptionId).executeTakeFirst())
        ?.live_seats ?? 0;
  } else if (!more && !query.after && (page.length > 0 || offset === 0)) {
    // The page reached the last match from a known position: every match was skipped or read.
    total = offset + page.length;
  } else {
    total = (await matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  }
  return {
    total,
    items: page.map(({ sortKey: _sortKey, ...seat }) => seat),
    next: more && last ? { key: last.sortKey, email: last.emailCanonical } : null,
  };
}
