/**
 * Recipients: a 100,000-row CSV read the way the pane reads it, against papaparse alone on the
 * same text, each measurement in a fresh process of its own (./csvChild.ts) so that CPU time and
 * whole-process peak memory (VmHWM) belong to it alone. Rounds alternate which runs first.
 *
 * Subject: the pane's code path in Node (./nodeWebWorker.ts): a disk-backed File posted to the
 * recipients worker, read, decoded and parsed in chunks with progress, the list structured-cloned
 * back; then checkRecipients on every row. Baseline: Papa.parse on the text, which every reader
 * of a CSV must at least do. CPU time counts every thread of the process (worker included).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, machineLine, ratios, report, rounds as roundCount, summarize } from '../stats.js';
import type { CsvChildResult } from './csvChild.js';

const ROWS = 100_000;

export function recipientsCsv(rows: number): string {
  const lines = ['First Name,Last Name,Email,Company,Country'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `Person ${i},"Name, ${i}",person${i}@company${i % 997}.example,Company ${i % 5000},${i % 2 ? 'FR' : 'DE'}`,
    );
  return `${lines.join('\r\n')}\r\n`;
}

function runChild(mode: 'pane' | 'papaparse', file: string): Promise<CsvChildResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./csvChild.ts', import.meta.url)), mode, file],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`csvChild ${mode} exited with ${code}: ${output}`));
      resolve(JSON.parse(output.trim().split('\n').pop() ?? '') as CsvChildResult);
    });
  });
}

export async function csvBench(): Promise<boolean> {
  const rounds = roundCount(5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-bench-csv-'));
  try {
    const file = path.join(dir, 'recipients.csv');
    fs.writeFileSync(file, recipientsCsv(ROWS));
    const measured = await interleave(rounds, {
      pane: () => runChild('pane', file),
      papaparse: () => runChild('papaparse', file),
    });
    for (const r of [...measured.pane, ...measured.papaparse])
      if (r.rows !== ROWS) throw new Error(`${r.mode} read ${r.rows} rows, not ${ROWS}`);
    const pane = measured.pane;
    const papa = measured.papaparse;
    const mib = (kib: number) => (kib / 1024).toFixed(0);
    console.log(
      `\nRecipients: ${ROWS.toLocaleString('en')}-row CSV (${(fs.statSync(file).size / 1e6).toFixed(1)} MB), each measurement in a fresh process; ${rounds} rounds, alternating`,
    );
    console.log(`  ${machineLine()}`);
    console.log(
      `  medians: papaparse alone ${summarize(papa.map((r) => r.readCpuMs)).median.toFixed(0)} ms CPU, peak ${mib(summarize(papa.map((r) => r.peakKiB)).median)} MiB; pane read (worker, ${pane[0]!.progressMessages} progress messages, clone back) ${summarize(pane.map((r) => r.readCpuMs)).median.toFixed(0)} ms CPU (${summarize(pane.map((r) => r.readWallMs)).median.toFixed(0)} ms wall), with checkRecipients ${summarize(pane.map((r) => r.checkedCpuMs ?? 0)).median.toFixed(0)} ms, peak ${mib(summarize(pane.map((r) => r.peakKiB)).median)} MiB`,
    );
    console.log(
      report(
        'pane read (worker + clone) ÷ papaparse, CPU',
        ratios(
          pane.map((r) => r.readCpuMs),
          papa.map((r) => r.readCpuMs),
        ),
      ),
    );
    console.log(
      report(
        'pane read + checkRecipients ÷ papaparse, CPU',
        ratios(
          pane.map((r) => r.checkedCpuMs ?? 0),
          papa.map((r) => r.readCpuMs),
        ),
        { goal: { atMost: 2 } },
      ),
    );
    console.log(
      report(
        'pane process peak memory ÷ papaparse process (VmHWM)',
        ratios(
          pane.map((r) => r.peakKiB),
          papa.map((r) => r.peakKiB),
        ),
      ),
    );
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
