/**
 * Benchmarks, printed as ratios against a baseline measured in the same run on the same machine
 * (absolute numbers move with hardware; ratios much less). Run with `npm run bench`.
 *
 * 1. License check throughput: POST /api/v1/license/check (verify an RS256 access token, look up
 *    the seat in SQLite, sign an ES256 license token) versus GET /healthz, a trivial JSON route,
 *    both through HTTP against the real server process, 50 connections; p50/p99 latency.
 * 2. The same throughput versus its crypto bound: how many verify+sign pairs one core does,
 *    measured in this process on the same tokens and the same algorithms.
 */
import autocannon from 'autocannon';
import { createLocalJWKSet, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { startServerProcess } from '../tests/helpers/serverProcess.js';

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

await main();
