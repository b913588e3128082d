/**
 * Long loops of the pane in slices: a few milliseconds of work, then the UI thread is given back
 * (input, rendering, other tasks) before the next slice. Checking 100,000 rows takes a few hundred
 * milliseconds; done at once it would freeze the pane for that long.
 */

/**
 * A slice stops once it took this long (time is read every CHECK_EVERY items: reading it costs
 * well under a microsecond, and an item can cost a hundred — a row of the grid's search index has
 * eleven cells to normalise —, so 64 items between two readings overran a slice by several
 * milliseconds, tens on a loaded machine).
 */
const SLICE_MS = 8;
const CHECK_EVERY = 8;

/**
 * The next task of the event loop: `scheduler.yield()` where the browser has it (its continuation
 * runs before other queued work of the page), else a timer.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface SliceOptions {
  /** Stops the work between two slices (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** After each slice, how many items are done. */
  onProgress?: (done: number) => void;
}

/** Calls `work(i)` for every i below `count`, in slices; `work` returning true ends it there. */
export async function inSlices(
  count: number,
  work: (index: number) => boolean | void,
  options: SliceOptions = {},
): Promise<void> {
  let index = 0;
  while (index < count) {
    options.signal?.throwIfAborted();
    const started = performance.now();
    do {
      if (work(index++) === true) index = count;
    } while (index < count && (index % CHECK_EVERY !== 0 || performance.now() - started < SLICE_MS));
    options.onProgress?.(index);
    if (index < count) await nextTask();
  }
  options.signal?.throwIfAborted();
}
