/**
 * PostgreSQL and several instances (issue 13), each figure a ratio of two measures taken next to
 * each other in the same run (phases interleaved and rotated, ../stats.ts):
 *
 * 1. License checks on PostgreSQL ÷ on SQLite, one instance each: the same 200 people (100 with a
 *    seat, checked in already, so every measured check takes the read-only path), POST
 *    /api/v1/license/check through HTTP, 50 connections; wall time per check (1 / throughput) and
 *    the server process's CPU per check. PostgreSQL's own CPU is in other processes (its backends)
 *    and not in the second figure: the first is what a client waits for.
 * 2. Two instances ÷ one, on PostgreSQL: the same load split over two instances against one
 *    instance taking all of it, throughput. On a 2-core machine the instances, PostgreSQL and the
 *    load generator share two cores: a second instance can only use what the first left idle
 *    (its event loop's waits on the database), so this ratio measures little more than that; on
 *    machines with a core per instance it is what scaling out buys.
 * 3. The seat list at 100,000 seats on PostgreSQL ÷ on SQLite: p95 of GET …/seats over the query
 *    mix of ./portalSeats.ts (every sort both ways, pages across the list, searches).
 *
 * The servers are the built product (./servers.ts) with the development identity provider; the
 * PostgreSQL is embedded (../tests/helpers/embeddedPostgres.ts), durability off as in tests.
 */
import autocannon from 'autocannon';
import { createDatabase, startEmbeddedPostgres } from '../tests/helpers/embeddedPostgres.js';
import { seedSeats } from '../tests/helpers/seedSeats.js';
import { UnitOfWork, type SeatQuery } from '../server/src/storage/unitOfWork.js';
import { seatQueries } from './portalSeats.js';
import { postJson, startProductServer } from './servers.js';
import {
  interleave,
  machineLine,
  percentile,
  processCpuMs,
  ratios,
  report,
  rounds as roundCount,
  summarize,
} from './stats.js';

const USERS = 200;
const LICENSED = 100;
const CONNECTIONS = 50;
const CHECKS = Number(process.env.BENCH_SCALE_CHECKS ?? 1500);
const SEATS = Number(process.env.BENCH_SEATS ?? 100_000);
const SEAT_QUERIES = 60;
/** No limit gets in the way of the load (rate limits are per client address, and the bench is one). */
const UNLIMITED = {
  LICENSE_CHECK_RATE_PER_MINUTE: '10000000',
  PURCHASE_RATE_PER_MINUTE: '100000',
  RENEWAL_INTERVAL_SECONDS: '0',
};

type Server = Awaited<ReturnType<typeof startProductServer>>;

/** 200 people of one organisation, 100 with a seat, each checked in once; their tokens (from this server's development identity provider). */
async function people(server: Server, key: string): Promise<string[]> {
  const token = async (email: string) =>
    (await postJson<{ access_token: string }>(server.baseUrl, '/dev/idp/token', { email })).access_token;
  const owner = await token('owner@contoso.example');
  const emails = Array.from({ length: USERS }, (_, i) => `user${i}@contoso.example`);
  const { subscriptionId } = await postJson<{ subscriptionId: string }>(
    server.baseUrl,
    '/api/v1/checkout',
    { plan: 'monthly', quantity: LICENSED, card: '4242424242424242' },
    { authorization: `Bearer ${owner}`, 'idempotency-key': key },
  );
  await postJson(
    server.baseUrl,
    `/api/v1/subscriptions/${subscriptionId}/assignments`,
    { emails: emails.slice(0, LICENSED) },
    { authorization: `Bearer ${owner}` },
  );
  const tokens = [];
  for (const email of emails) tokens.push(await token(email));
  return tokens;
}

/** Licensed and unlicensed in turn, whichever connection sends next. */
function checks(tokens: Map<Server, string[]>, server: Server) {
  const own = tokens.get(server)!;
  const alternating = own.slice(0, LICENSED).flatMap((token, i) => [token, own[LICENSED + i]!]);
  let next = 0;
  return [
    {
      method: 'POST' as const,
      path: '/api/v1/license/check',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nonce: 'bench-nonce-00000000' }),
      setupRequest: (request: autocannon.Request) => ({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${alternating[next++ % alternating.length]}` },
      }),
    },
  ];
}

interface Load {
  wallUsPerCheck: number;
  cpuUsPerCheck: number;
  perSecond: number;
  failures: number;
}

async function load(
  targets: Array<{ server: Server; connections: number; amount: number; tokens: Map<Server, string[]> }>,
): Promise<Load> {
  const before = targets.map((t) => processCpuMs(t.server.pid));
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    targets.map((t) =>
      autocannon({
        url: t.server.baseUrl,
        // autocannon notices that the requests asked for are answered on its sampling tick (1 s by
        // default): the wall time came out in whole seconds. Every 10 ms instead.
        sampleInt: 10,
        connections: t.connections,
        amount: t.amount,
        requests: checks(t.tokens, t.server),
      }),
    ),
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = targets.reduce((sum, t, i) => sum + processCpuMs(t.server.pid) - before[i]!, 0);
  const answered = results.reduce((sum, r) => sum + r['2xx'] + r.non2xx, 0);
  const failures =
    results.reduce((sum, r) => sum + r.non2xx + r.errors, 0) + targets.reduce((sum, t) => sum + t.amount, 0) - answered;
  return {
    wallUsPerCheck: (wallMs * 1000) / Math.max(1, answered),
    cpuUsPerCheck: (cpu * 1000) / Math.max(1, answered),
    perSecond: (answered * 1000) / wallMs,
    failures,
  };
}

async function seatListP95(
  server: Server,
  token: string,
  subscriptionId: string,
  queries: readonly SeatQuery[],
): Promise<number> {
  const times: number[] = [];
  for (const q of queries) {
    const query = new URLSearchParams({
      sort: q.sort,
      order: q.descending ? 'desc' : 'asc',
      offset: String(q.offset),
      limit: String(q.limit),
      ...(q.search ? { search: q.search } : {}),
    });
    const started = process.hrtime.bigint();
    const response = await fetch(`${server.baseUrl}/api/v1/subscriptions/${subscriptionId}/seats?${query.toString()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as { items?: unknown[] };
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!response.ok || !page.items) throw new Error(`seat list: ${response.status}`);
  }
  return percentile(times, 0.95);
}

/** A subscription of 100,000 seats on the server's database, written through the storage module in bulk. */
async function bigSubscription(
  server: Server,
  open: () => Promise<UnitOfWork>,
  key: string,
): Promise<{ token: string; subscriptionId: string }> {
  const token = (
    await postJson<{ access_token: string }>(server.baseUrl, '/dev/idp/token', { email: 'owner@seats.example' })
  ).access_token;
  const { subscriptionId } = await postJson<{ subscriptionId: string }>(
    server.baseUrl,
    '/api/v1/checkout',
    { plan: 'annual', quantity: SEATS, card: '4242424242424242' },
    { authorization: `Bearer ${token}`, 'idempotency-key': key },
  );
  const uow = await open();
  try {
    await seedSeats(uow, subscriptionId, SEATS);
  } finally {
    await uow.close();
  }
  return { token, subscriptionId };
}

export async function scaleBench(): Promise<boolean> {
  const rounds = roundCount(5);
  const postgres = await startEmbeddedPostgres();
  const servers: Server[] = [];
  try {
    const databaseUrl = await createDatabase(postgres.url);
    const sqlite = await startProductServer(UNLIMITED);
    servers.push(sqlite);
    const pgOne = await startProductServer({ ...UNLIMITED, DATABASE_URL: databaseUrl });
    servers.push(pgOne);
    // Both instances trust one identity provider, as every instance behind a balancer trusts Entra: the first's.
    const pgTwo = await startProductServer(
      {
        ...UNLIMITED,
        DATABASE_URL: databaseUrl,
        ENTRA_ISSUER_TEMPLATE: `${pgOne.baseUrl}/dev/idp/{tid}/v2.0`,
        ENTRA_JWKS_URL: `${pgOne.baseUrl}/dev/idp/discovery/v2.0/keys`,
      },
      { dataDir: pgOne.dataDir },
    );
    servers.push(pgTwo);
    const tokens = new Map<Server, string[]>([
      [sqlite, await people(sqlite, 'bench-scale-sqlite')],
      [pgOne, await people(pgOne, 'bench-scale-postgres')],
    ]);
    tokens.set(pgTwo, tokens.get(pgOne)!);
    for (const [i, t] of tokens.get(pgTwo)!.entries())
      await postJson(
        pgTwo.baseUrl,
        '/api/v1/license/check',
        { nonce: `warm-${String(i).padStart(12, '0')}` },
        { authorization: `Bearer ${t}` },
      );

    const phases = {
      sqlite: () => load([{ server: sqlite, connections: CONNECTIONS, amount: CHECKS, tokens }]),
      postgres: () => load([{ server: pgOne, connections: CONNECTIONS, amount: CHECKS, tokens }]),
      twoInstances: () =>
        load([
          { server: pgOne, connections: CONNECTIONS / 2, amount: CHECKS / 2, tokens },
          { server: pgTwo, connections: CONNECTIONS / 2, amount: CHECKS / 2, tokens },
        ]),
    };
    await interleave(1, phases); // warm-up: JIT, connections, caches; every licensed person bound and checked in
    const measured = await interleave(rounds, phases);
    const failures = Object.values(measured)
      .flat()
      .reduce((sum, m) => sum + m.failures, 0);
    const median = (values: Load[], key: keyof Load) => summarize(values.map((m) => m[key])).median.toFixed(0);
    console.log(
      `\nScale: license checks, ${CHECKS} per phase at ${CONNECTIONS} connections (${USERS} people, ${LICENSED} licensed, alternating); ${rounds} rounds`,
    );
    console.log(`  ${machineLine()}`);
    console.log(
      `  medians: SQLite ${median(measured.sqlite, 'perSecond')} checks/s (${median(measured.sqlite, 'cpuUsPerCheck')} µs server CPU each); PostgreSQL ${median(measured.postgres, 'perSecond')} checks/s (${median(measured.postgres, 'cpuUsPerCheck')} µs); two instances on PostgreSQL ${median(measured.twoInstances, 'perSecond')} checks/s`,
    );
    console.log(
      report(
        'license check, wall time per check: PostgreSQL ÷ SQLite',
        ratios(
          measured.postgres.map((m) => m.wallUsPerCheck),
          measured.sqlite.map((m) => m.wallUsPerCheck),
        ),
      ),
    );
    console.log(
      report(
        'license check, server CPU per check: PostgreSQL ÷ SQLite',
        ratios(
          measured.postgres.map((m) => m.cpuUsPerCheck),
          measured.sqlite.map((m) => m.cpuUsPerCheck),
        ),
      ),
    );
    console.log(
      report(
        'throughput on PostgreSQL: two instances ÷ one',
        ratios(
          measured.twoInstances.map((m) => m.perSecond),
          measured.postgres.map((m) => m.perSecond),
        ),
      ),
    );
    console.log(`  (${failures} failed requests)`);

    // The seat list at 100,000 seats, one subscription per engine.
    const onSqlite = await bigSubscription(
      sqlite,
      () => UnitOfWork.open({ sqliteFile: `${sqlite.dataDir}/outmerge.sqlite` }),
      'bench-scale-seats-sqlite',
    );
    const onPostgres = await bigSubscription(
      pgOne,
      () => UnitOfWork.open({ databaseUrl, poolSize: 2 }),
      'bench-scale-seats-postgres',
    );
    const queries = seatQueries(SEATS, SEAT_QUERIES);
    const seatPhases = {
      sqlite: () => seatListP95(sqlite, onSqlite.token, onSqlite.subscriptionId, queries),
      postgres: () => seatListP95(pgOne, onPostgres.token, onPostgres.subscriptionId, queries),
    };
    await interleave(1, seatPhases);
    const seats = await interleave(rounds, seatPhases);
    console.log(
      `\nScale: seat list at ${SEATS.toLocaleString('en')} seats, ${queries.length} queries per round (4 sorts both ways, pages across the list, 1 in 5 a search); medians of the rounds' p95: SQLite ${summarize(seats.sqlite).median.toFixed(1)} ms, PostgreSQL ${summarize(seats.postgres).median.toFixed(1)} ms`,
    );
    console.log(report('seat list p95: PostgreSQL ÷ SQLite', ratios(seats.postgres, seats.sqlite)));
    return failures === 0;
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await postgres.stop();
  }
}
