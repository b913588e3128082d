import { describe, expect, it } from 'vitest';
import { inSlices, nextTask } from './slices.js';

/** Work that takes about `ms` of this thread, as a row of a long list can. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spinning: the thread is held, as by real work
  }
}

describe('inSlices', () => {
  it('visits every index once, in order, and reports progress after each slice up to the count', async () => {
    const seen: number[] = [];
    const progress: number[] = [];
    await inSlices(1_000, (i) => void seen.push(i), { onProgress: (done) => progress.push(done) });
    expect(seen).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
    expect(progress.at(-1)).toBe(1_000);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('gives the thread back between slices: a task queued before it runs before the work ends', async () => {
    let ranBetween = false;
    let ended = false;
    setTimeout(() => (ranBetween = !ended), 0);
    const slices: number[] = [];
    // 40 items of 1 ms: several slices of at most 8 ms and a few items more.
    await inSlices(40, () => busy(1), { onProgress: (done) => slices.push(done) });
    ended = true;
    expect(ranBetween).toBe(true);
    expect(slices.length).toBeGreaterThan(1);
    // A slice stops within CHECK_EVERY items of its 8 ms: never the whole list at once.
    const sizes = slices.map((done, i) => done - (slices[i - 1] ?? 0));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(16);
  });

  it('ends early when the work says so, and stops between slices when aborted', async () => {
    const seen: number[] = [];
    await inSlices(100, (i) => {
      seen.push(i);
      return i === 9;
    });
    expect(seen).toHaveLength(10);

    const abort = new AbortController();
    let visited = 0;
    const run = inSlices(
      1_000,
      () => {
        visited++;
        busy(1);
      },
      { signal: abort.signal, onProgress: () => abort.abort(new Error('list changed')) },
    );
    await expect(run).rejects.toThrow('list changed');
    expect(visited).toBeLessThan(1_000);
  });
});

describe('nextTask', () => {
  it('resolves in a later task, after a task queued before it', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('queued'), 0);
    await nextTask();
    order.push('after');
    expect(order).toEqual(['queued', 'after']);
  });
});
