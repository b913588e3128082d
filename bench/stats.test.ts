import { describe, expect, it } from 'vitest';
import {
  interleave,
  parseProcStatTicks,
  peakRssKiB,
  percentile,
  processCpuMs,
  ratios,
  report,
  summarize,
} from './stats.js';

describe('bench statistics', () => {
  it('summarises as min / median / max, the median of an even count being the mean of the middle two', () => {
    expect(summarize([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3, n: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4, n: 4 });
    expect(() => summarize([])).toThrow();
    expect(() => summarize([1, Number.NaN])).toThrow();
  });

  it('takes nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile([7], 0.95)).toBe(7);
  });

  it('pairs ratios round by round and refuses unpaired rounds', () => {
    expect(ratios([2, 9], [1, 3])).toEqual([2, 3]);
    expect(() => ratios([1], [1, 2])).toThrow();
  });

  it('judges a goal on the median', () => {
    expect(report('x', [1, 2, 9], { goal: { atMost: 2 } })).toContain('met');
    expect(report('x', [1, 3, 9], { goal: { atMost: 2 } })).toContain('NOT MET');
    expect(report('x', [1, 3, 9], { goal: { atLeast: 3 } })).toMatch(/: met$/);
  });

  it('interleaves phases, starting each round one phase later', async () => {
    const order: string[] = [];
    const results = await interleave(3, {
      a: () => order.push('a'),
      b: () => order.push('b'),
      c: () => order.push('c'),
    });
    expect(order.join('')).toBe('abcbcacab');
    expect(Object.keys(results)).toEqual(['a', 'b', 'c']);
    expect(results.a).toHaveLength(3);
  });

  it('reads utime + stime from /proc stat text whose command name holds spaces and parentheses', () => {
    // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 11 0 12345';
    expect(parseProcStatTicks(stat)).toBe(325);
  });

  it('reads this process’s CPU time and peak memory from /proc', () => {
    const before = processCpuMs(process.pid);
    let x = 0;
    for (let i = 0; i < 3e7; i++) x += i % 7;
    expect(x).toBeGreaterThan(0);
    expect(processCpuMs(process.pid)).toBeGreaterThan(before);
    expect(peakRssKiB()).toBeGreaterThan(10_000);
  });
});
