/**
 * Exactly one runner per campaign across panes (a second compose window, a second tab of Outlook
 * on the web): every pane of the origin shares the campaign's ledger, and only the pane holding
 * the campaign may send. Two guards, both needed to run:
 *
 * - the Web Locks API (`navigator.locks`), held for the whole run: the browser grants a lock name
 *   to one holder across the origin's tabs and windows, and releases it when the holder's page
 *   closes or crashes, so the next pane waiting for it takes over at once;
 * - a lease in the shared storage, for hosts or storages the locks do not reach (no Web Locks, or
 *   panes in separate browser processes sharing only the storage): the holder's token and an
 *   expiry, renewed by a heartbeat and checked before every ledger write (renewed there once it
 *   aged), and released on close. Web Storage has no compare-and-set, so a lease is taken by
 *   writing it and reading it back after a pause: of two panes writing at once, only the one
 *   whose write stayed holds it.
 */
import type { KeyValueStore } from '../storage/keyValueStore.js';
import { abortableSleep } from './campaignRunner.js';

export interface RunnerHandle {
  /** Aborted when this pane lost the campaign (its lease lapsed and another pane took it). */
  readonly lost: AbortSignal;
  /** Renews the lease if it is still this pane's; false when another pane holds it now. */
  confirm(): boolean;
  /** Lets go: the next pane may run the campaign. */
  release(): void;
}

export interface RunnerLock {
  /** Becomes the campaign's runner, waiting at most `waitMs` for another holder to let go; null when it does not. */
  acquire(campaignId: string, waitMs?: number): Promise<RunnerHandle | null>;
  /**
   * Waits until no pane runs the campaign, then takes it over if `stillRunning()` (read from the
   * shared ledger at that moment) says its runner left it running, as a closed pane does. Null
   * when it was paused or finished instead, or when `signal` aborts the wait.
   */
  takeOver(
    campaignId: string,
    stillRunning: () => boolean | Promise<boolean>,
    signal: AbortSignal,
  ): Promise<RunnerHandle | null>;
  /** Whether a pane holds the campaign now, as far as the shared storage shows (a live lease). */
  isHeld(campaignId: string): boolean;
}

export interface RunnerLockOptions {
  store: KeyValueStore;
  /** `navigator.locks` where the host has it. */
  locks: LockManager | null;
  /** A lease not renewed for this long is free. */
  ttlMs?: number;
  /** Pause between writing a lease and reading it back. */
  settleMs?: number;
  /** How often a pane without Web Locks looks whether a lease became free. */
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface LeaseRecord {
  token: string;
  expiresAt: number;
}

const leaseKey = (campaignId: string) => `outmerge.campaign.${campaignId}.runner`;
const lockName = (campaignId: string) => `outmerge.campaign.${campaignId}`;

export function createRunnerLock(options: RunnerLockOptions): RunnerLock {
  const ttl = options.ttlMs ?? 15_000;
  const settle = options.settleMs ?? 150;
  const poll = options.pollMs ?? 1_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const store = options.store;

  const read = (campaignId: string): LeaseRecord | null => {
    try {
      const raw = store.get(leaseKey(campaignId));
      return raw ? (JSON.parse(raw) as LeaseRecord) : null;
    } catch {
      return null;
    }
  };
  const live = (lease: LeaseRecord | null): lease is LeaseRecord => lease !== null && lease.expiresAt > now();
  const write = (campaignId: string, token: string) =>
    store.set(leaseKey(campaignId), JSON.stringify({ token, expiresAt: now() + ttl } satisfies LeaseRecord));

  /** Write, pause, read back: the lease is ours if our write is the one that stayed. */
  const takeLease = async (campaignId: string, signal?: AbortSignal): Promise<string | null> => {
    if (live(read(campaignId))) return null;
    const token = crypto.randomUUID();
    write(campaignId, token);
    await sleep(settle, signal);
    return !signal?.aborted && read(campaignId)?.token === token ? token : null;
  };

  /** Takes the lease, waiting for a live one to be released or to lapse until `deadline`. */
  const waitForLease = async (campaignId: string, deadline: number, signal?: AbortSignal): Promise<string | null> => {
    for (;;) {
      const token = await takeLease(campaignId, signal);
      if (token || signal?.aborted || now() >= deadline) return token;
      const holder = read(campaignId);
      const lapse = live(holder) ? holder.expiresAt - now() : 0;
      await sleep(Math.max(1, Math.min(poll, lapse, deadline - now())), signal);
    }
  };

  /** A handle over a lease this pane holds; `onRelease` lets go of the Web Lock too. */
  const handleFor = (campaignId: string, token: string, onRelease: () => void): RunnerHandle => {
    const lost = new AbortController();
    let released = false;
    const confirm = (): boolean => {
      if (released) return false;
      const lease = read(campaignId);
      if (lease?.token !== token) {
        lost.abort();
        return false;
      }
      // Renewed unless it was a moment ago: a write every row would cost more than the row's own.
      if (lease.expiresAt - now() < ttl * 0.9) write(campaignId, token);
      return true;
    };
    const heartbeat = setInterval(confirm, Math.max(1, Math.floor(ttl / 3)));
    return {
      lost: lost.signal,
      confirm,
      release() {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        if (read(campaignId)?.token === token) store.remove(leaseKey(campaignId));
        onRelease();
      },
    };
  };

  const locks = options.locks;
  if (!locks) {
    return {
      isHeld: (campaignId) => live(read(campaignId)),
      async acquire(campaignId, waitMs = 0) {
        const token = await waitForLease(campaignId, now() + waitMs);
        return token ? handleFor(campaignId, token, () => {}) : null;
      },
      async takeOver(campaignId, stillRunning, signal) {
        for (;;) {
          if (signal.aborted) return null;
          if (!live(read(campaignId))) {
            if (!(await stillRunning())) return null;
            const token = await takeLease(campaignId, signal);
            if (token) {
              if (await stillRunning()) return handleFor(campaignId, token, () => {});
              if (read(campaignId)?.token === token) store.remove(leaseKey(campaignId));
              return null;
            }
          }
          await sleep(poll, signal);
        }
      },
    };
  }

  /**
   * Holds the Web Lock while `granted` decides: it returns a handle (the lock stays held until the
   * handle is released) or null (the lock goes at once).
   */
  const withLock = (
    campaignId: string,
    lockOptions: LockOptions,
    granted: () => Promise<{ token: string } | null>,
  ): Promise<RunnerHandle | null> =>
    new Promise((resolve) => {
      locks
        .request(lockName(campaignId), lockOptions, async (lock) => {
          if (!lock) return resolve(null);
          const taken = await granted().catch(() => null);
          if (!taken) return resolve(null);
          let letGo: () => void = () => {};
          const held = new Promise<void>((done) => (letGo = done));
          resolve(handleFor(campaignId, taken.token, () => letGo()));
          await held;
        })
        // Aborted or timed out while waiting: not granted.
        .catch(() => resolve(null));
    });

  return {
    isHeld: (campaignId) => live(read(campaignId)),
    acquire(campaignId, waitMs = 0) {
      const deadline = now() + waitMs;
      const lockOptions: LockOptions = waitMs > 0 ? { signal: timeoutSignal(waitMs) } : { ifAvailable: true };
      return withLock(campaignId, lockOptions, async () => {
        // A pane that closed without saying so leaves a lease that lapses: within the wait, it may.
        const token = await waitForLease(campaignId, deadline);
        return token ? { token } : null;
      });
    },
    takeOver(campaignId, stillRunning, signal) {
      return withLock(campaignId, { signal }, async () => {
        if (!(await stillRunning())) return null;
        const token = await waitForLease(campaignId, Number.POSITIVE_INFINITY, signal);
        if (!token) return null;
        if (await stillRunning()) return { token };
        if (read(campaignId)?.token === token) store.remove(leaseKey(campaignId));
        return null;
      });
    },
  };
}

/** A signal that aborts after `ms` (AbortSignal.timeout where the webview has it). */
function timeoutSignal(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

/** Web Locks where the host has them (they need a secure context, as Outlook's panes are). */
export function hostLocks(): LockManager | null {
  return typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks ? navigator.locks : null;
}
