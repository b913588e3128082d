/** The storage lease (hosts without Web Locks), on virtual time. Chromium's Web Locks path is in tests/e2e/panes.test.ts. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../storage/keyValueStore.js';
import { createRunnerLock } from './runnerLock.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function settled<T>(promise: Promise<T>, ms = 1_000): Promise<T> {
  await vi.advanceTimersByTimeAsync(ms);
  return promise;
}

describe('the runner lease', () => {
  it('is held by one pane at a time, renewed while it runs, and free once released', async () => {
    const store = memoryStore();
    const first = createRunnerLock({ store, locks: null });
    const second = createRunnerLock({ store, locks: null });
    const held = await settled(first.acquire('c1'));
    expect(held).not.toBeNull();
    expect(await settled(second.acquire('c1'))).toBeNull();
    // The heartbeat keeps it: a minute later it is still the first pane's.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await settled(second.acquire('c1'))).toBeNull();
    expect(held!.confirm()).toBe(true);
    held!.release();
    const next = await settled(second.acquire('c1'));
    expect(next).not.toBeNull();
    expect(first.isHeld('c1')).toBe(true);
  });

  it('of a pane that vanished without letting go lapses, and a waiting pane takes over only a campaign left running', async () => {
    const store = memoryStore();
    // What a crashed pane leaves behind: its lease, renewed no more.
    store.set('outmerge.campaign.c1.runner', JSON.stringify({ token: 'crashed-pane', expiresAt: Date.now() + 15_000 }));
    const lock = createRunnerLock({ store, locks: null });
    expect(await settled(lock.acquire('c1'))).toBeNull();
    let running = true;
    const waiting = lock.takeOver('c1', () => running, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(lock.isHeld('c1')).toBe(true);
    const handle = await settled(waiting, 10_000);
    expect(handle).not.toBeNull();
    handle!.release();

    // A campaign that was paused, not left running, is not taken over.
    running = false;
    expect(await settled(lock.takeOver('c1', () => running, new AbortController().signal))).toBeNull();
  });

  it('goes to the pane whose write stayed when two write at once, and the other learns it lost', async () => {
    const store = memoryStore();
    const first = createRunnerLock({ store, locks: null });
    const second = createRunnerLock({ store, locks: null });
    // Another pane, whose storage had not yet seen the first write, writes its lease during the first pane's pause.
    const a = first.acquire('c1');
    await vi.advanceTimersByTimeAsync(50);
    store.set('outmerge.campaign.c1.runner', JSON.stringify({ token: 'late-writer', expiresAt: Date.now() + 15_000 }));
    expect(await settled(a)).toBeNull();
    store.remove('outmerge.campaign.c1.runner');
    const two = await settled(second.acquire('c1'));
    expect(two).not.toBeNull();

    // A holder whose lease another pane overwrote (it lapsed while the holder was frozen) stops.
    store.set('outmerge.campaign.c1.runner', JSON.stringify({ token: 'someone-else', expiresAt: Date.now() + 15_000 }));
    expect(two!.confirm()).toBe(false);
    expect(two!.lost.aborted).toBe(true);
  });
});
