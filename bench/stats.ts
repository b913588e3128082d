/**
 * What every bench shares: summaries (min / median / max over repeated rounds), the interleaving
 * of subject and baseline, and the clocks (CPU time of this process or of another one, wall time,
 * whole-process peak memory).
 *
 * Why CPU time: this machine is shared, and wall time measures everyone else's load as much as
 * ours. CPU time counts only the work done (a process's CPU time includes all its threads: libuv's
 * pool, the garbage collector's helpers, worker threads). Ratios are taken per round, between a
 * subject and a baseline measured next to each other, so that a change of load hits both alike.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface Summary {
  min: number;
  median: number;
  max: number;
  n: number;
}

/** min / median / max; with an even number of values the median is the mean of the two middle ones. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('nothing to summarise');
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`not a finite measurement: ${values.join(', ')}`);
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** Nearest-rank percentile (p95 of 200 samples is the 190th smallest). */
export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

/** Per-round ratios a[i] / b[i]: each pair was measured side by side. */
export function ratios(numerators: readonly number[], denominators: readonly number[]): number[] {
  if (numerators.length !== denominators.length) throw new Error('ratios of unpaired rounds');
  return numerators.map((n, i) => n / denominators[i]!);
}

export function formatSummary(s: Summary, digits = 2, unit = ''): string {
  const f = (v: number) => `${v.toFixed(digits)}${unit}`;
  return `${f(s.min)} / ${f(s.median)} / ${f(s.max)}`;
}

/**
 * One printed figure: `label  min / median / max (n rounds)  goal … met|not met`. A goal is
 * "<= x" or ">= x" and is judged on the median (the middle of what this machine gave).
 */
export function report(
  label: string,
  values: readonly number[],
  options: { digits?: number; unit?: string; goal?: { atMost?: number; atLeast?: number } } = {},
): string {
  const s = summarize(values);
  let goal = '';
  if (options.goal?.atMost !== undefined)
    goal = `   goal <= ${options.goal.atMost} (median): ${s.median <= options.goal.atMost ? 'met' : 'NOT MET'}`;
  if (options.goal?.atLeast !== undefined)
    goal = `   goal >= ${options.goal.atLeast} (median): ${s.median >= options.goal.atLeast ? 'met' : 'NOT MET'}`;
  return `  ${label.padEnd(62)} ${formatSummary(s, options.digits ?? 2, options.unit ?? '')} (n=${s.n})${goal}`;
}

/**
 * Runs every phase once per round, `rounds` times; each round starts one phase later than the
 * previous one (A B C, B C A, C A B …), so that no phase always runs first, right after another
 * or at the end of a round. Returns each phase's results in round order.
 */
export async function interleave<K extends string, T>(
  rounds: number,
  phases: Record<K, () => T | Promise<T>>,
): Promise<Record<K, T[]>> {
  const names = Object.keys(phases) as K[];
  const results = Object.fromEntries(names.map((name) => [name, [] as T[]])) as unknown as Record<K, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      results[name].push(await phases[name]());
    }
  }
  return results;
}

/** CPU time (user + system, all threads) of this process, in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function wallMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `work` and returns its CPU and wall time in milliseconds, with what it returned. */
export async function measure<T>(work: () => T | Promise<T>): Promise<{ cpuMs: number; wallMs: number; value: T }> {
  const cpu = cpuMs();
  const wall = wallMs();
  const value = await work();
  return { cpuMs: cpuMs() - cpu, wallMs: wallMs() - wall, value };
}

let clockTicks: number | null = null;
/** The kernel's clock tick (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * utime + stime of a process from the text of /proc/<pid>/stat, in clock ticks. The command name
 * (field 2) is in parentheses and may hold spaces, so fields are counted after its last ")".
 */
export function parseProcStatTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15 (proc(5)).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error(`unreadable /proc stat: ${stat.slice(0, 80)}`);
  return utime + stime;
}

/** CPU time (all threads) another process has used so far, in milliseconds, from /proc: no change to that process needed. */
export function processCpuMs(pid: number): number {
  return (parseProcStatTicks(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')) * 1000) / ticksPerSecond();
}

/** The whole process's peak resident memory so far (VmHWM of /proc/self/status), in KiB. */
export function peakRssKiB(): number {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  if (!match) throw new Error('no VmHWM in /proc/self/status');
  return Number(match[1]);
}

/** What else this machine was doing: printed next to the figures. */
export function machineLine(): string {
  const [one, five] = os.loadavg();
  return `load average ${one!.toFixed(1)} (1 min) ${five!.toFixed(1)} (5 min) on ${os.availableParallelism()} CPUs`;
}

export function rounds(fallback: number): number {
  const value = Number(process.env.BENCH_ROUNDS ?? fallback);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`BENCH_ROUNDS must be a whole number >= 1 (got "${process.env.BENCH_ROUNDS}")`);
  return value;
}
