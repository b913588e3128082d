/**
 * One CSV measurement in a fresh process (started by csvBench.ts), so that the process's peak
 * memory (VmHWM) is this measurement's alone. Prints one JSON line.
 *
 *   node --import tsx bench/csv/csvChild.ts pane <file.csv>
 *     the pane's path: readRecipientFileOffThread (addin/src/campaign/readInWorker.ts) posts the
 *     File to the worker (recipientsWorker.ts: read the bytes, decode, papaparse in 512 KB chunks
 *     with progress messages, guess the address column), the list comes back by structured clone;
 *     then checkRecipients, which the pane runs on every row before it can show the checks.
 *   node --import tsx bench/csv/csvChild.ts papaparse <file.csv>
 *     the baseline: Papa.parse alone on the same text (header row, empty lines skipped), text read first.
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import { checkRecipients } from '../../addin/src/campaign/planCampaign.js';
import { readRecipientFileOffThread } from '../../addin/src/campaign/readInWorker.js';
import { cpuMs, peakRssKiB, wallMs } from '../stats.js';
import { diskFile, installWebWorker, prestart } from './nodeWebWorker.js';

export interface CsvChildResult {
  mode: 'pane' | 'papaparse';
  rows: number;
  /** CPU time of the whole process (all threads) for the read, ms */
  readCpuMs: number;
  readWallMs: number;
  /** read + checkRecipients (pane only) */
  checkedCpuMs: number | null;
  progressMessages: number;
  peakKiB: number;
}

const [mode, filePath] = process.argv.slice(2);
if ((mode !== 'pane' && mode !== 'papaparse') || !filePath)
  throw new Error('usage: csvChild.ts pane|papaparse <file.csv>');

let result: CsvChildResult;
if (mode === 'pane') {
  installWebWorker();
  await prestart(new URL('../../addin/src/campaign/recipientsWorker.ts', import.meta.url));
  const file = await diskFile(filePath, 'recipients.csv', 'text/csv');
  let progressMessages = 0;
  const cpu = cpuMs();
  const wall = wallMs();
  const list = await readRecipientFileOffThread(file, () => progressMessages++);
  const readCpuMs = cpuMs() - cpu;
  const readWallMs = wallMs() - wall;
  const checked = checkRecipients(list.rows, { emailColumn: list.emailColumn });
  const checkedCpuMs = cpuMs() - cpu;
  if (checked.valid.length === 0) throw new Error('no valid row');
  result = {
    mode,
    rows: list.rows.length,
    readCpuMs,
    readWallMs,
    checkedCpuMs,
    progressMessages,
    peakKiB: peakRssKiB(),
  };
} else {
  const text = fs.readFileSync(filePath, 'utf8');
  const cpu = cpuMs();
  const wall = wallMs();
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  result = {
    mode,
    rows: parsed.data.length,
    readCpuMs: cpuMs() - cpu,
    readWallMs: wallMs() - wall,
    checkedCpuMs: null,
    progressMessages: 0,
    peakKiB: peakRssKiB(),
  };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
// The pane's worker thread was terminated by readInWorker.ts; nothing keeps this process alive.
