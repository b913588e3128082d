/**
 * The portal's seat list at 100,000 assignments: p95 of GET /api/v1/subscriptions/:id/seats over
 * HTTP against the page query alone (the repository's `seatRows`: the rows of `querySeats` without its
 * total), with the storage method the route calls (`querySeats`) as a third line to show where the time goes. Queries: what the portal asks
 * while someone scrolls, sorts and searches (every sort both ways, pages across the list,
 * searches). Before timing, the floor must return the very rows the storage method returns.
 *
 * Second measure, reading on: the portal asks for the block after one it has with that block's
 * cursor (`after`), jumps (the scroll bar dragged) by offset. Walks of pages through the cursors
 * from places across the list, every sort both ways, against the page query alone reading the
 * same rows by offset (the route must return exactly those rows).
 */
import path from 'node:path';
import { DATABASE_FILE } from '../server/src/services.js';
import { UnitOfWork, type SeatQuery } from '../server/src/storage/unitOfWork.js';
import { seedSeats } from '../tests/helpers/seedSeats.js';
import { listRounds } from './listLatency.js';
import { postJson, startProductServer } from './servers.js';
import { machineLine, percentile, ratios, report, rounds as roundCount, summarize } from './stats.js';

const SEATS = Number(process.env.BENCH_SEATS ?? 100_000);
const QUERIES = 100;
/** Walks of pages read through cursors, and pages per walk. */
const WALKS = 8;
const WALK_PAGES = 12;

interface WalkRound {
  routeP95: number;
  floorP95: number;
}

/** One round of walks: each starts by offset somewhere in the list, then reads on with `next`; the floor reads the same pages by offset. p95 of the pages read on. */
async function walkRound(
  round: number,
  pages: number,
  readPage: (q: SeatQuery, after: string | null) => Promise<{ emails: string[]; next: string | null }>,
  floor: (q: SeatQuery) => Promise<Array<{ emailCanonical: string }>>,
): Promise<WalkRound> {
  const route: number[] = [];
  const floorTimes: number[] = [];
  for (let walk = 0; walk < WALKS; walk++) {
    const sort = (['email', 'status', 'lastCheckIn', 'assignedAt'] as const)[walk % 4]!;
    // Walks start evenly across the list (a little further each round): near the top and deep down.
    const start = Math.floor(((walk + (round % 3) / 3) / WALKS) * Math.max(1, pages - WALK_PAGES)) * 100;
    let after: string | null = null;
    for (let page = 0; page < WALK_PAGES; page++) {
      const q: SeatQuery = { sort, descending: walk % 2 === 1, offset: start + page * 100, limit: 100 };
      let got: { emails: string[]; next: string | null } | null = null;
      let expected: string[] = [];
      const steps = [
        async () => {
          const t = process.hrtime.bigint();
          got = await readPage(q, after);
          // The walk's first page is a jump (by offset, the first measure's case): only pages read on are timed.
          if (page > 0) route.push(Number(process.hrtime.bigint() - t) / 1e6);
        },
        async () => {
          const t = process.hrtime.bigint();
          expected = (await floor(q)).map((row) => row.emailCanonical);
          if (page > 0) floorTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
        },
      ];
      for (let k = 0; k < steps.length; k++) await steps[(page + round + k) % steps.length]!();
      const read = got as { emails: string[]; next: string | null } | null;
      if (!read || read.emails.join() !== expected.join())
        throw new Error(`reading on through the cursor gave other rows than the offset for ${JSON.stringify(q)}`);
      after = read.next;
    }
  }
  return { routeP95: percentile(route, 0.95), floorP95: percentile(floorTimes, 0.95) };
}

export function seatQueries(seats: number, count: number): SeatQuery[] {
  const pages = Math.max(1, Math.floor(seats / 100));
  return Array.from({ length: count }, (_, i) => {
    const sort = (['email', 'status', 'lastCheckIn', 'assignedAt'] as const)[i % 4]!;
    const search = i % 5 === 0 ? `user0${String(i % 100).padStart(2, '0')}` : undefined;
    return {
      sort,
      descending: i % 2 === 1,
      offset: search ? 0 : ((i * 37) % pages) * 100,
      limit: 100,
      ...(search ? { search } : {}),
    };
  });
}

export async function portalSeatsBench(): Promise<boolean> {
  const rounds = roundCount(5);
  const server = await startProductServer();
  try {
    const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
      postJson(server.baseUrl, route, body, headers);
    const token = (await post('/dev/idp/token', { email: 'owner@contoso.com' })).access_token as string;
    const { subscriptionId } = (await post(
      '/api/v1/checkout',
      { plan: 'annual', quantity: Math.min(100_000, SEATS), card: '4242424242424242' },
      { authorization: `Bearer ${token}`, 'idempotency-key': 'bench-seats-0001' },
    )) as { subscriptionId: string };
    await seedSeats(server.dataDir, subscriptionId, SEATS);
    const queries = seatQueries(SEATS, QUERIES);
    const url = (q: SeatQuery) =>
      `${server.baseUrl}/api/v1/subscriptions/${subscriptionId}/seats?${new URLSearchParams({ sort: q.sort, order: q.descending ? 'desc' : 'asc', offset: String(q.offset), limit: String(q.limit), ...(q.search ? { search: q.search } : {}) }).toString()}`;
    const headers = { authorization: `Bearer ${token}` };
    const file = path.join(server.dataDir, DATABASE_FILE);
    const storage = await UnitOfWork.open({ sqliteFile: file });
    const floor = (q: SeatQuery) => storage.read.subscriptions.seatRows(subscriptionId, q);
    try {
      for (const q of queries) {
        const ids = (rows: unknown[]) => (rows as Array<{ id: string }>).map((r) => r.id).join();
        if (ids(await floor(q)) !== ids((await storage.read.subscriptions.querySeats(subscriptionId, q)).items))
          throw new Error(`the floor reads other rows than the route for ${JSON.stringify(q)}`);
      }
      const measured = await listRounds(rounds, queries, {
        route: async (q) => ((await (await fetch(url(q), { headers })).json()) as { items: unknown[] }).items.length,
        storage: (q) => storage.read.subscriptions.querySeats(subscriptionId, q),
        floor,
      });
      if (measured.some((m) => m.rows === 0)) throw new Error('the route returned no rows');
      const p = (key: 'routeP95' | 'floorP95' | 'routeP50' | 'floorP50' | 'storageP95') =>
        summarize(measured.map((m) => m[key])).median.toFixed(1);
      console.log(
        `\nPortal seat list: ${SEATS.toLocaleString('en')} assignments, ${queries.length} queries per round (4 sorts both ways, pages across the list, 1 in 5 a search), 100 rows each, sequential; ${rounds} rounds`,
      );
      console.log(`  ${machineLine()}`);
      console.log(
        `  medians of the rounds' p95 (p50): route ${p('routeP95')} (${p('routeP50')}) ms; Storage.querySeats ${p('storageP95')} ms; page query alone ${p('floorP95')} (${p('floorP50')}) ms`,
      );
      console.log(
        report(
          'seat list route p95 ÷ page query alone p95',
          ratios(
            measured.map((m) => m.routeP95),
            measured.map((m) => m.floorP95),
          ),
          { goal: { atMost: 2 } },
        ),
      );
      console.log(
        report(
          'Storage.querySeats p95 ÷ page query alone p95 (its counts)',
          ratios(
            measured.map((m) => m.storageP95),
            measured.map((m) => m.floorP95),
          ),
        ),
      );

      const readPage = async (q: SeatQuery, after: string | null) => {
        const query = {
          sort: q.sort,
          order: q.descending ? 'desc' : 'asc',
          limit: String(q.limit),
          ...(after ? { after } : { offset: String(q.offset) }),
        };
        const page = (await (
          await fetch(
            `${server.baseUrl}/api/v1/subscriptions/${subscriptionId}/seats?${new URLSearchParams(query).toString()}`,
            { headers },
          )
        ).json()) as { items: Array<{ email: string }>; next: string | null };
        return { emails: page.items.map((item) => item.email), next: page.next };
      };
      const pages = Math.floor(SEATS / 100);
      await walkRound(rounds, pages, readPage, floor); // warm-up
      const walks: WalkRound[] = [];
      for (let round = 0; round < rounds; round++) walks.push(await walkRound(round, pages, readPage, floor));
      console.log(
        `  reading on: ${WALKS} walks per round, each a jump by offset to a place across the list, then ${WALK_PAGES - 1} pages through the cursors (timed); medians of the rounds' p95: route ${summarize(walks.map((w) => w.routeP95)).median.toFixed(1)} ms, the same pages by offset, page query alone ${summarize(walks.map((w) => w.floorP95)).median.toFixed(1)} ms`,
      );
      console.log(
        report(
          'reading on: route p95 (cursor) ÷ page query alone p95 (offset)',
          ratios(
            walks.map((w) => w.routeP95),
            walks.map((w) => w.floorP95),
          ),
          { goal: { atMost: 2 } },
        ),
      );
      return true;
    } finally {
      await storage.close();
    }
  } finally {
    await server.stop();
  }
}
