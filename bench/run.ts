/**
 * `npm run bench` (builds first): performance as ratios against a baseline that does the same
 * work, measured in the same run, next to the subject (interleaved), repeated, printed as
 * min / median / max over the rounds. Absolute times move with the machine and its load; ratios
 * measured side by side much less. Each bench's file says what it measures and why its baseline
 * does the same work.
 *
 *   license   ./license/licenseBench.ts  server CPU per license check ÷ crypto per verify+sign pair,
 *                                        ÷ a bare Fastify route; fresh ÷ repeated access token
 *   merge     ./merge.ts                 merge engine ÷ a correct replaceAll loop
 *   csv       ./csv/csvBench.ts          the pane's worker read ÷ papaparse, CPU and peak memory
 *   campaign  ./campaign.ts              the pane's sending against a mailbox limit below and above the
 *                                        pace: achieved ÷ allowed after the first minute, 429s
 *   bookkeeping ./pane/bookkeeping.ts    a 10,000-row campaign's CPU in Chromium: the pane's session ÷ the runner alone
 *   longtasks ./pane/longTasks.ts        the pane's longest UI task with 100,000 rows, in Chromium (÷ 1,000 rows)
 *   pane      ./paneSize.ts              bytes the server sends for the pane's first load, and for sign-in
 *   seats     ./portalSeats.ts           seat list route p95 ÷ the page query alone
 *   partners  ./partnerCustomers.ts      customer list route p95 ÷ the page query alone
 *   scale     ./scale.ts                 license checks PostgreSQL ÷ SQLite, two instances ÷ one,
 *                                        seat list at 100,000 seats PostgreSQL ÷ SQLite
 *
 * BENCH_ONLY=license,merge runs some of them; BENCH_ROUNDS=n changes every bench's rounds.
 * To find where time goes (a profiled run's figures are not comparable): BENCH_PROFILE=<dir> writes
 * the pane's CPU profiles in Chromium (longtasks), BENCH_SERVER_PROFILE=<dir> each product
 * server's V8 CPU profile as it exits.
 * The process exits 1 when a bench's requests failed or a bench threw.
 */
import { campaignBench } from './campaign.js';
import { csvBench } from './csv/csvBench.js';
import { licenseBench } from './license/licenseBench.js';
import { mergeBench } from './merge.js';
import { bookkeepingBench } from './pane/bookkeeping.js';
import { paneLongTasksBench } from './pane/longTasks.js';
import { paneSizeBench } from './paneSize.js';
import { partnerCustomersBench } from './partnerCustomers.js';
import { portalSeatsBench } from './portalSeats.js';
import { scaleBench } from './scale.js';
import { machineLine } from './stats.js';

const BENCHES: Record<string, () => Promise<boolean>> = {
  license: licenseBench,
  merge: mergeBench,
  csv: csvBench,
  campaign: campaignBench,
  bookkeeping: bookkeepingBench,
  longtasks: paneLongTasksBench,
  pane: paneSizeBench,
  seats: portalSeatsBench,
  partners: partnerCustomersBench,
  scale: scaleBench,
};

function selectBenches(only: string | undefined): string[] {
  if (!only) return Object.keys(BENCHES);
  const names = only
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  return names;
}

const started = Date.now();
console.log(`Outmerge benchmarks, Node ${process.version}, ${machineLine()} at the start`);
let ok = true;
for (const name of selectBenches(process.env.BENCH_ONLY)) {
  const benchStarted = Date.now();
  try {
    ok = (await BENCHES[name]!()) && ok;
  } catch (error) {
    ok = false;
    console.error(`\n${name}: FAILED`, error);
  }
  console.log(`  (${name}: ${((Date.now() - benchStarted) / 1000).toFixed(0)} s)`);
}
console.log(`\nAll benches: ${((Date.now() - started) / 1000).toFixed(0)} s; ${machineLine()} at the end`);
if (!ok) process.exitCode = 1;
