/**
 * Benchmarks, printed as ratios against a baseline measured in the same run on the same machine
 * (absolute numbers move with hardware; ratios much less). Run with `npm run bench`.
 *
 * 1. License check throughput: POST /api/v1/license/check (verify an RS256 access token, look up
 *    the seat in SQLite, sign an ES256 license token) versus GET /healthz, a trivial JSON route,
 *    both through HTTP against the real server process, 50 connections; p50/p99 latency.
 * 2. The same throughput versus its crypto bound: how many verify+sign pairs one core does,
 *    measured in this process on the same tokens and the same algorithms.
 * 3. Merge rendering of a 5 KB template for 10,000 rows versus a plain String.replace loop.
 * 4. Reading and checking a 100,000-row CSV versus papaparse alone, with peak memory.
 * 5. A 300-message campaign against the Graph stand-in with its rate scaled to 30 per 2 s:
 *    achieved rate / allowed rate, and 429s received.
 * 6. The task pane's initial JavaScript, gzip.
 * 7. The portal's seat list at 10,000 assignments: p95 of GET /api/v1/subscriptions/:id/seats
 *    (authentication, permission check, search, sort, page, JSON) through HTTP against the real
 *    server process versus the bare SQLite query (Storage.querySeats) on the same file, same queries.
 * 8. A partner's customer list at 1,000 customers and 100,000 seats: p95 of
 *    GET /api/v1/partners/:id/customers (search, filters, page) versus the bare query
 *    (PartnerStorage.queryCustomers) on the same file, same queries (./partnerCustomers.ts).
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Papa from 'papaparse';
import { newLedger } from '../addin/src/campaign/campaign.js';
import { runCampaign, type OutgoingMessage } from '../addin/src/campaign/campaignRunner.js';
import { checkRecipients, planCampaign } from '../addin/src/campaign/planCampaign.js';
import { parseRecipientCsv } from '../addin/src/campaign/readRecipients.js';
import { GraphMailClient } from '../addin/src/graph/graphMailClient.js';
import { compileTemplate } from '../shared/src/merge/mergeTemplate.js';
import { createLocalJWKSet, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { startServerProcess } from '../tests/helpers/serverProcess.js';
import { seedSeats } from '../tests/helpers/seedSeats.js';
import { partnerCustomersBench } from './partnerCustomers.js';
import { DATABASE_FILE } from '../server/src/services.js';
import { Storage, type SeatQuery } from '../server/src/storage/storage.js';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(options: autocannon.Options): Promise<Measured> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_SECONDS, ...options });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function main() {
  const server = await startServerProcess({ LICENSE_CHECK_RATE_PER_MINUTE: '10000000', LOG_LEVEL: 'error' });
  try {
    const base = server.baseUrl;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      json<Record<string, unknown>>(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    // 200 users of one organisation, half of them licensed: a realistic mix of answers.
    const ownerToken = (await post('/dev/idp/token', { email: 'owner@contoso.com' })).access_token as string;
    const { subscriptionId } = (await post('/api/v1/checkout', { plan: 'monthly', quantity: 100, card: '4242424242424242' }, { authorization: `Bearer ${ownerToken}`, 'idempotency-key': 'bench-0001' })) as { subscriptionId: string };
    const emails = Array.from({ length: 200 }, (_, i) => `user${i}@contoso.com`);
    await post(`/api/v1/subscriptions/${subscriptionId}/assignments`, { emails: emails.slice(0, 100) }, { authorization: `Bearer ${ownerToken}` });
    const tokens = await Promise.all(emails.map(async (email) => (await post('/dev/idp/token', { email })).access_token as string));
    const requests = tokens.map((token, i) => ({
      method: 'POST' as const,
      path: '/api/v1/license/check',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nonce: `bench-nonce-${String(i).padStart(8, '0')}` }),
    }));
    // Warm up: JWKS fetched, seats bound, JIT warm.
    for (const request of requests) await fetch(`${base}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
    await load({ url: `${base}/healthz`, duration: 2 });

    const cryptoPairsPerSecond = await cryptoBound(base, tokens);
    const trivial = await load({ url: `${base}/healthz` });
    const check = await load({ url: base, requests });
    const row = (name: string, m: Measured) => `${name.padEnd(34)} ${m.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${String(m.p50).padStart(3)} ms   p99 ${String(m.p99).padStart(3)} ms   errors ${m.errors}`;
    console.log(`\nLicense check throughput (${CONNECTIONS} connections, ${DURATION_SECONDS} s each, server in its own process)`);
    console.log(row('GET /healthz (baseline)', trivial));
    console.log(row('POST /api/v1/license/check', check));
    console.log(`ratio license check / trivial route: ${(check.requestsPerSecond / trivial.requestsPerSecond).toFixed(3)} (1/${(trivial.requestsPerSecond / check.requestsPerSecond).toFixed(1)})`);
    console.log(`crypto bound: one core does ${cryptoPairsPerSecond.toFixed(0)} RS256 verify + ES256 sign pairs per second`);
    console.log(`ratio license check / crypto bound (per core): ${(check.requestsPerSecond / cryptoPairsPerSecond).toFixed(3)} (goal >= 0.8)`);
    if (check.errors > 0 || trivial.errors > 0) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

/** verify (RS256, the IdP's keys) + sign (ES256) pairs per second on one core, sequentially. */
async function cryptoBound(base: string, tokens: string[]): Promise<number> {
  const jwks = createLocalJWKSet((await (await fetch(`${base}/dev/idp/discovery/v2.0/keys`)).json()) as JSONWebKeySet);
  const { privateKey } = await generateKeyPair('ES256');
  const pair = async (token: string) => {
    const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'] });
    await new SignJWT({ tid: payload.tid, code: 'ACTIVE', footer: false, nonce: 'bench' }).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setIssuedAt().setExpirationTime('7d').sign(privateKey);
  };
  for (let i = 0; i < 500; i++) await pair(tokens[i % tokens.length]!);
  const rounds = 4000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await pair(tokens[i % tokens.length]!);
  return rounds / (Number(process.hrtime.bigint() - start) / 1e9);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function timeMs(work: () => void, passes = 7): number {
  work();
  return median(Array.from({ length: passes }, () => {
    const start = process.hrtime.bigint();
    work();
    return Number(process.hrtime.bigint() - start) / 1e6;
  }));
}

/** 3. Rendering a 5 KB template with 10 fields for 10,000 rows, as UTF-8 bytes (what a sender must produce). */
function mergeBench(): void {
  const fields = ['first_name', 'last_name', 'company', 'city', 'product', 'licence_key', 'expires_on', 'portal_url', 'support_email', 'unsubscribe_url'];
  let template = '<!doctype html><html><body><table><tr><td>';
  for (let i = 0; template.length < 5000; i++) template += `<p style="margin:0 0 12px;font-family:Segoe UI">Paragraph ${i} about {{${fields[i % fields.length]}}} and our offer for you.</p>`;
  template += '</td></tr></table></body></html>';
  // Realistic values, as in ../shared/reference/perf-baselines.md: names and keys, and URLs whose query strings need escaping.
  const rows = Array.from({ length: 10_000 }, (_, i) =>
    Object.fromEntries(fields.map((f) => [f, f.endsWith('_url') ? `https://portal.example.com/t/${i % 500}/licences?u=${i}&sig=abcdef0123456789` : `${f.replace('_', ' ')} ${i}`])),
  );
  const compiled = compileTemplate({ subject: 'Hello {{first_name}}', bodyHtml: template }, fields);
  if (!compiled.ok) throw new Error('template');
  let sink = 0;
  const engine = timeMs(() => {
    for (const row of rows) sink += Buffer.byteLength(compiled.template.render(row).html);
  });
  const naive = timeMs(() => {
    for (const row of rows) {
      let out = template;
      for (const f of fields) out = out.replace(`{{${f}}}`, row[f] ?? '');
      sink += Buffer.byteLength(out);
    }
  });
  console.log(`\nMerge: 5 KB template (${template.length} bytes, 10 fields), 10,000 rows, UTF-8 encoded`);
  console.log(`  String.replace loop (no escaping) ${naive.toFixed(0)} ms; Outmerge merge engine (Handlebars, escaping) ${engine.toFixed(0)} ms`);
  console.log(`  ratio engine / replace loop: ${(engine / naive).toFixed(2)} (goal <= 3)   [${sink > 0 ? 'checked' : ''}]`);
}

/** 4. Reading and checking 100,000 rows versus the CSV parser alone. */
function csvBench(): void {
  const lines = ['First Name,Last Name,Email,Company,Country'];
  for (let i = 0; i < 100_000; i++) lines.push(`Person ${i},"Name, ${i}",person${i}@company${i % 997}.example,Company ${i % 5000},${i % 2 ? 'FR' : 'DE'}`);
  const text = lines.join('\r\n');
  const compiled = compileTemplate({ subject: 'Hi {{First Name}}', bodyHtml: '<p>{{Company}}</p>' }, ['First Name', 'Last Name', 'Email', 'Company', 'Country']);
  if (!compiled.ok) throw new Error('template');
  let peak = 0;
  const before = process.memoryUsage().rss;
  const parse = () => void Papa.parse(text, { header: true, skipEmptyLines: 'greedy' });
  const readAndCheck = () => {
    const list = parseRecipientCsv('bench.csv', text);
    peak = Math.max(peak, process.memoryUsage().rss);
    checkRecipients(list.rows, { emailColumn: list.emailColumn });
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  // Baseline and subject alternate, so that a change in machine load hits both alike; the ratio is the median of the pairs'.
  parse();
  readAndCheck();
  const pairs = Array.from({ length: 7 }, () => {
    let start = process.hrtime.bigint();
    parse();
    const parserMs = Number(process.hrtime.bigint() - start) / 1e6;
    start = process.hrtime.bigint();
    readAndCheck();
    return { parserMs, checkMs: Number(process.hrtime.bigint() - start) / 1e6 };
  });
  const parserOnly = median(pairs.map((p) => p.parserMs));
  const checkOnly = median(pairs.map((p) => p.checkMs));
  const pairRatio = median(pairs.map((p) => p.checkMs / p.parserMs));
  const withRendering = timeMs(() => {
    const list = parseRecipientCsv('bench.csv', text);
    planCampaign({ template: compiled.template, rows: list.rows, emailColumn: list.emailColumn, footerHtml: null });
  }, 3);
  console.log(`\nRecipients: 100,000-row CSV (${(text.length / 1e6).toFixed(1)} MB)`);
  console.log(`  papaparse alone ${parserOnly.toFixed(0)} ms; read + validate every row ${checkOnly.toFixed(0)} ms (peak RSS +${((peak - before) / 1e6).toFixed(0)} MB); with rendering every message ${withRendering.toFixed(0)} ms`);
  console.log(`  ratio read+validate / parser (median of 7 alternating pairs): ${pairRatio.toFixed(2)} (goal <= 2)`);
}

/** 5. 300 messages through the runner against the stand-in limited to 30 messages per 2 seconds. */
async function campaignBench(): Promise<void> {
  const server = await startServerProcess({ GRAPH_STANDIN_RATE_PER_MINUTE: '30', GRAPH_STANDIN_RATE_WINDOW_SECONDS: '2', GRAPH_STANDIN_LATENCY_MS: '20', LOG_LEVEL: 'error' });
  try {
    const token = ((await (await fetch(`${server.baseUrl}/dev/idp/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@contoso.com', resource: 'graph' }) })).json()) as { access_token: string }).access_token;
    const graph = new GraphMailClient(`${server.baseUrl}/dev/graph`, async () => token);
    const allowedPerSecond = 30 / 2;
    const messages = new Map<number, OutgoingMessage>(Array.from({ length: 300 }, (_, i) => [i + 2, { row: i + 2, to: `r${i}@fabrikam.com`, cc: [], bcc: [], attachments: [], subject: `S${i}`, html: '<p>x</p>' }]));
    const start = Date.now();
    const ledger = await runCampaign(newLedger('bench', [...messages.keys()], null, start), messages, { graph, ratePerMinute: allowedPerSecond * 60, save: () => {} });
    const seconds = (Date.now() - start) / 1000;
    const { counters } = (await (await fetch(`${server.baseUrl}/dev/graph/faults`)).json()) as { counters: { throttled: number; peakConcurrency: number } };
    const achieved = 300 / seconds;
    console.log(`\nCampaign: 300 messages, stand-in allows 30 per 2 s (${allowedPerSecond}/s), runner paced at the same rate`);
    console.log(`  ${ledger.status}, ${seconds.toFixed(1)} s, achieved ${achieved.toFixed(2)} msg/s; ratio achieved / allowed: ${(achieved / allowedPerSecond).toFixed(3)} (goal >= 0.95)`);
    console.log(`  429s received: ${counters.throttled} (goal: none beyond the first); peak requests in flight: ${counters.peakConcurrency}`);
  } finally {
    await server.stop();
  }
}

/** 6. What the task pane loads before it can show anything (Office.js itself comes from Microsoft's CDN). */
function paneSizeBench(): void {
  const dir = path.resolve('build/addin');
  const html = fs.readFileSync(path.join(dir, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => (m[1] ?? '').replace(/^\//, '')).filter((src) => !src.startsWith('http'));
  const gzip = scripts.reduce((sum, src) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, src)), { level: 9 }).length, 0);
  console.log(`\nTask pane initial JavaScript: ${scripts.length} files, ${(gzip / 1024).toFixed(0)} KB gzip (goal <= 250 KB)`);
}

/** 7. Listing and searching 10,000 assignments: the portal's route versus the query it runs. */
async function portalSeatsBench(): Promise<void> {
  const server = await startServerProcess({ LOG_LEVEL: 'error' });
  try {
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => json<Record<string, unknown>>(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const token = (await post('/dev/idp/token', { email: 'owner@contoso.com' })).access_token as string;
    const { subscriptionId } = (await post('/api/v1/checkout', { plan: 'annual', quantity: 10_050, card: '4242424242424242' }, { authorization: `Bearer ${token}`, 'idempotency-key': 'bench-seats-0001' })) as { subscriptionId: string };
    seedSeats(server.dataDir, subscriptionId, 10_000);
    // What the portal asks while someone scrolls, sorts and searches: every sort both ways, pages across the list, searches.
    const queries: SeatQuery[] = [];
    for (let i = 0; i < 400; i++) {
      const sort = (['email', 'status', 'lastCheckIn', 'assignedAt'] as const)[i % 4]!;
      const search = i % 5 === 0 ? `user0${String(i % 100).padStart(2, '0')}` : undefined;
      queries.push({ sort, descending: i % 2 === 1, offset: search ? 0 : ((i * 37) % 100) * 100, limit: 100, ...(search ? { search } : {}) });
    }
    const url = (q: SeatQuery) =>
      `${server.baseUrl}/api/v1/subscriptions/${subscriptionId}/seats?${new URLSearchParams({ sort: q.sort, order: q.descending ? 'desc' : 'asc', offset: String(q.offset), limit: String(q.limit), ...(q.search ? { search: q.search } : {}) }).toString()}`;
    const headers = { authorization: `Bearer ${token}` };
    const storage = Storage.open(path.join(server.dataDir, DATABASE_FILE));
    try {
      const p = (values: number[], share: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * share))] ?? 0;
      const timed = async (work: () => unknown) => {
        const start = process.hrtime.bigint();
        await work();
        return Number(process.hrtime.bigint() - start) / 1e6;
      };
      // Warm up both paths (prepared statements, JIT, page cache), then measure each query through both, interleaved.
      for (const q of queries.slice(0, 50)) {
        await (await fetch(url(q), { headers })).arrayBuffer();
        storage.querySeats(subscriptionId, q);
      }
      const http: number[] = [];
      const sql: number[] = [];
      let rows = 0;
      for (const q of queries) {
        http.push(await timed(async () => (rows += ((await (await fetch(url(q), { headers })).json()) as { items: unknown[] }).items.length)));
        sql.push(await timed(() => storage.querySeats(subscriptionId, q)));
      }
      console.log(`\nPortal seat list: 10,000 assignments, ${queries.length} queries (4 sorts both ways, pages across the list, searches), 100 rows each, sequential`);
      console.log(`  bare SQLite query (Storage.querySeats): p50 ${p(sql, 0.5).toFixed(2)} ms, p95 ${p(sql, 0.95).toFixed(2)} ms`);
      console.log(`  GET /api/v1/subscriptions/:id/seats over HTTP: p50 ${p(http, 0.5).toFixed(2)} ms, p95 ${p(http, 0.95).toFixed(2)} ms   [${rows} rows]`);
      console.log(`  ratio HTTP route / bare query, p95: ${(p(http, 0.95) / p(sql, 0.95)).toFixed(2)}`);
    } finally {
      storage.close();
    }
  } finally {
    await server.stop();
  }
}

if (!process.env.BENCH_SKIP_HTTP) await main();
mergeBench();
csvBench();
await campaignBench();
paneSizeBench();
await portalSeatsBench();
{
  const partnerServer = await startServerProcess({ LOG_LEVEL: 'error' });
  try {
    await partnerCustomersBench(partnerServer);
  } finally {
    await partnerServer.stop();
  }
}
