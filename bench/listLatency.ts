/**
 * Latency of a paged list, three ways, query by query: the HTTP route against the real server
 * process (authentication, permission check, the storage call, JSON, the body read by the
 * client), the storage method the route calls (on the same file, another connection), and the
 * floor: the page's rows alone (the repository's `seatRows` / `customerRows`: the product's query
 * without its counts). The three run back to back for every query,
 * in an order that rotates from query to query; each round yields a p95 per path, and the ratios
 * are taken per round.
 */
import { percentile } from './stats.js';

export interface ListRound {
  routeP95: number;
  storageP95: number;
  floorP95: number;
  routeP50: number;
  floorP50: number;
  rows: number;
}

async function timed(work: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function listRounds<Q>(
  rounds: number,
  queries: readonly Q[],
  paths: { route: (q: Q) => Promise<number>; storage: (q: Q) => Promise<unknown>; floor: (q: Q) => unknown },
): Promise<ListRound[]> {
  // Warm-up: statements, JIT, the page cache.
  for (const q of queries.slice(0, Math.min(20, queries.length))) {
    await paths.route(q);
    await paths.storage(q);
    paths.floor(q);
  }
  const results: ListRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const route: number[] = [];
    const storage: number[] = [];
    const floor: number[] = [];
    let rows = 0;
    for (const [i, q] of queries.entries()) {
      const steps = [
        async () => route.push(await timed(async () => (rows += await paths.route(q)))),
        async () => storage.push(await timed(() => paths.storage(q))),
        async () => floor.push(await timed(() => paths.floor(q))),
      ];
      for (let k = 0; k < steps.length; k++) await steps[(i + round + k) % steps.length]!();
    }
    results.push({
      routeP95: percentile(route, 0.95),
      storageP95: percentile(storage, 0.95),
      floorP95: percentile(floor, 0.95),
      routeP50: percentile(route, 0.5),
      floorP50: percentile(floor, 0.5),
      rows,
    });
  }
  return results;
}
