/**
 * The seat list's keyset cursor as the API carries it: `next` in a page, `after` in the request
 * for the page that follows. Opaque to clients (base64url of a small JSON array); it holds the
 * last row's sort key and address, and the search and order it was read in, so that a cursor is
 * refused with another search or order instead of starting a page at a meaningless place.
 *
 * Not signed: it only says where a page starts inside a list the caller is already allowed to
 * read (the route authorises every request), so a forged one can only start a page elsewhere.
 */
import { ApiError } from './apiError.js';
import type { SeatCursor, SeatSort } from '../storage/unitOfWork.js';

export interface SeatListScope {
  sort: SeatSort;
  descending: boolean;
  /** As the storage searches: trimmed, lower case. */
  search: string;
}

const VERSION = 1;

export function seatListScope(query: {
  sort: SeatSort;
  descending: boolean;
  search?: string | undefined;
}): SeatListScope {
  return { sort: query.sort, descending: query.descending, search: query.search?.trim().toLowerCase() ?? '' };
}

export function encodeSeatCursor(scope: SeatListScope, cursor: SeatCursor): string {
  return Buffer.from(
    JSON.stringify([VERSION, scope.sort, scope.descending ? 1 : 0, scope.search, cursor.key, cursor.email]),
  ).toString('base64url');
}

/** The cursor in `text`, read in `scope`; a 400 when it is damaged or was read in another search or order. */
export function decodeSeatCursor(text: string, scope: SeatListScope): SeatCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value.length !== 6 || value[0] !== VERSION) throw invalid('is damaged');
  const [, sort, descending, search, key, email] = value as unknown[];
  if (sort !== scope.sort || descending !== (scope.descending ? 1 : 0) || search !== scope.search)
    throw invalid('was read with another search or order');
  if (typeof email !== 'string' || email === '' || email.length > 320) throw invalid('is damaged');
  if (!keyFits(scope.sort, key)) throw invalid('is damaged');
  return { key: key as number | null, email };
}

/** The email sort has no key; status is a rank 1–3; times are whole milliseconds, a check-in may be missing. */
function keyFits(sort: SeatSort, key: unknown): boolean {
  if (sort === 'email') return key === null;
  if (key === null) return sort === 'lastCheckIn';
  if (typeof key !== 'number' || !Number.isSafeInteger(key)) return false;
  return sort === 'status' ? key >= 1 && key <= 3 : true;
}

function invalid(why: string): ApiError {
  return new ApiError(
    400,
    'VALIDATION_FAILED',
    `The seat list cursor ("after") ${why}: ask for the first page again without it.`,
  );
}
