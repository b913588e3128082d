/**
 * The pane's campaign, across panes and reloads (M6, M7), without React: one campaign at a time
 * per browser profile, kept in the shared campaign records (IndexedDB), run by exactly one pane.
 *
 * - The pane that starts, resumes or retries a campaign becomes its runner only if it holds the
 *   campaign's RunnerLock; it checks the lock before every ledger write and stops if it lost it.
 * - Every other pane shows the campaign read-only, following the ledger through the records'
 *   notices (each write's changed rows: a pane keeps its copy without reading it all again), and
 *   waits for the lock: when the runner's pane closes with the ledger left running, it takes over
 *   by itself (reading the ledger as last written, so nothing is sent twice).
 * - Stop ends the campaign for good (stopCampaign.ts); a retry re-runs the failed rows in the same
 *   ledger, so each keeps its marker and is looked up before anything is sent again.
 * - A campaign's files are read from the message it was started from. A pane whose message lacks
 *   those its remaining rows need (a second compose window taking over while the first reloads)
 *   builds nothing: it blocks the campaign (`files_missing`, rows as they were), and a pane whose
 *   message holds them resumes it by itself.
 *
 * What a row costs here does not grow with the campaign: its change is written as one record, in
 * a batch with the other rows' changes (ledgerWrites.ts), the totals are kept, and the view is
 * given to React at most every `progressIntervalMs` while a campaign sends.
 */
import {
  newLedger,
  retally,
  retryState,
  totals,
  type CampaignLedger,
  type LedgerTotals,
  type RowState,
} from './campaign.js';
import { ledgerFields, type CampaignDefinition, type CampaignNotice, type CampaignRecords } from './campaignRecords.js';
import { runCampaign, type GraphOperations, type RunProgress } from './campaignRunner.js';
import type { MailboxHealth } from './deliveryReports.js';
import { definitionPlanInSlices } from './definitionMessages.js';
import { LedgerWrites } from './ledgerWrites.js';
import type { Finding, PlannedMessages } from './planCampaign.js';
import type { RunnerHandle, RunnerLock } from './runnerLock.js';
import type { SendLog } from './sendLog.js';
import { inSlices } from './slices.js';
import { settleStopped } from './stopCampaign.js';
import { deferredTimes, type CampaignSchedule } from './schedule.js';
import { cancelHeld } from './scheduleCancel.js';
import { recipientsOf } from './outgoingMessage.js';
import type { GraphFileAttachment } from '../graph/graphMailClient.js';

export interface CampaignView {
  definition: CampaignDefinition;
  ledger: CampaignLedger;
  messages: PlannedMessages;
  /** Rows left out before sending, with the finding that left each out. */
  excluded: ReadonlyMap<number, Finding>;
  /** This pane sends it now. */
  running: boolean;
  /** Another pane sends it: this one shows its progress and takes over if that pane closes. */
  observing: boolean;
  /** Stop was asked for: rows are being cancelled or looked up. */
  stopping: boolean;
  /** Why the last action did nothing: another pane holds the campaign, or Stop needs a sign-in to look messages up. */
  notice: 'busy' | 'signInToStop' | null;
  progress: RunProgress;
  /** What stopped the last run or Stop (a Microsoft 365 or network failure), in its own words. */
  error: string | null;
}

export interface SessionOptions {
  records: CampaignRecords;
  lock: RunnerLock;
  sendLog: SendLog;
  /** The pace sends start at, and the fastest they may go when the mailbox allows more (sendPacer.ts). */
  ratePerMinute: number;
  maxRatePerMinute?: number;
  /** A draft attachment's bytes by name, read from the draft when sent. */
  attachment: (definition: CampaignDefinition, name: string) => Promise<GraphFileAttachment>;
  /** A draft inline image by content id. */
  inlineImage: (definition: CampaignDefinition, contentId: string) => Promise<GraphFileAttachment>;
  /** The mailbox's non-delivery reports, read between rows (the 24-hour limit, a restricted sender). */
  health?: MailboxHealth;
  /** How long Stop looks for messages whose send may have been accepted. */
  stopSettleWindowMs?: number;
  /** How long an action waits for another pane to let go of the campaign. */
  lockWaitMs?: number;
  /** While a campaign sends, the view changes at most this often (every change still reaches the ledger). */
  progressIntervalMs?: number;
  /**
   * Which of these files the message this pane sits in does not hold (attachment names, inline
   * pictures' content ids), read from the message's attachment list. Without it, no check.
   */
  missingFiles?: (files: { names: readonly string[]; contentIds: readonly string[] }) => Promise<string[]>;
  now?: () => number;
}

/** This pane lost the campaign to another one (or is closing): it must not write the ledger. */
class NotRunner extends Error {}

type Plan = { messages: PlannedMessages; excluded: ReadonlyMap<number, Finding> };
/** A campaign just started here: its definition, plan and new ledger need no reading. */
type Known = Plan & { definition: CampaignDefinition; ledger?: CampaignLedger };

/** A campaign as read from the records. */
interface Loaded extends Plan {
  definition: CampaignDefinition;
  ledger: CampaignLedger;
  version: number;
}

const stillToBuild = (state: RowState | undefined) =>
  state === undefined || state.status === 'pending' || state.status === 'creating';

/**
 * The files that rows still to be built need (a row already drafted or sending needs none): the
 * files their cells name, and the pictures the template shows (some rows may not show them).
 */
export function filesStillNeeded(
  ledger: CampaignLedger,
  messages: PlannedMessages,
): { names: string[]; contentIds: string[] } {
  const names = new Set<string>();
  let any = false;
  // Rows without files of their own share one list of names: each list is looked at once.
  let seen: readonly string[] | null = null;
  for (const message of messages.checked) {
    if (!stillToBuild(ledger.states[message.row])) continue;
    any = true;
    if (message.attachments === seen) continue;
    seen = message.attachments;
    for (const name of message.attachments) names.add(name);
  }
  return { names: [...names], contentIds: any ? [...messages.pictures] : [] };
}

/** Which of `pictures` a row still to be built shows: rows rendered one by one (in slices), stopping once all are found. */
export async function picturesStillShown(
  ledger: CampaignLedger,
  messages: PlannedMessages,
  pictures: readonly string[],
): Promise<string[]> {
  const looking = new Set(pictures);
  const shown: string[] = [];
  await inSlices(ledger.rows.length, (index) => {
    const row = ledger.rows[index]!;
    if (!stillToBuild(ledger.states[row])) return false;
    for (const id of messages.get(row)?.inline ?? []) {
      if (looking.delete(id)) shown.push(id);
    }
    return looking.size === 0;
  });
  return shown;
}

/** The graph a cancel uses: the session's operations, and the campaign's Drafts listing where the client has it. */
type CancelGraph = Parameters<typeof cancelHeld>[1]['graph'];

/** Each row's deferred send time, computed again from the kept schedule (schedule.ts). */
export function scheduledTimes(
  rows: readonly number[],
  schedule: CampaignSchedule,
  messages: PlannedMessages,
): Map<number, number> {
  const counts = rows.map((row) => {
    const envelope = messages.envelope(row);
    return envelope ? recipientsOf(envelope) : 1;
  });
  const times = deferredTimes(counts, schedule);
  return new Map(rows.map((row, index) => [row, times[index]!]));
}

function progressOf(counts: LedgerTotals): RunProgress {
  return { ...counts, throttledUntil: null, estimatedRemainingMs: 0 };
}

const ended = (status: CampaignLedger['status'] | null | undefined) => status === 'finished' || status === 'cancelled';

export class CampaignSession {
  private readonly records: CampaignRecords;
  private view: CampaignView | null = null;
  /** The shown ledger's version as read or heard of, and its totals, kept as notices change rows. */
  private version = 0;
  private counts: LedgerTotals | null = null;
  private readonly listeners = new Set<() => void>();
  private graph: GraphOperations | null = null;
  /** Held while this pane runs or stops the campaign. */
  private handle: RunnerHandle | null = null;
  private abort: AbortController | null = null;
  private stopRequested = false;
  private work: Promise<void> = Promise.resolve();
  private takeOverWait: AbortController | null = null;
  private waitTimer: { at: number; timer: ReturnType<typeof setTimeout> } | null = null;
  /** A look at this pane's message for a campaign blocked on its files is under way. */
  private checkingFiles = false;
  /** A reading of the records is under way; notices heard meanwhile wait in `heard`. */
  private refreshing = false;
  private refreshAgain = false;
  private heard: Array<Extract<CampaignNotice, { kind: 'ledger' }>> = [];
  /** The view's next change, at most every `progressIntervalMs` while a campaign sends. */
  private emitTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly unwatch: () => void;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.records = options.records;
    this.now = options.now ?? Date.now;
    this.unwatch = options.records.watch((notice) => this.hear(notice));
    this.refresh();
  }

  current(): CampaignView | null {
    return this.view;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Graph becomes available after sign-in; a campaign left running continues then. */
  setGraph(graph: GraphOperations | null): void {
    this.graph = graph;
    this.reconcile();
  }

  /**
   * Starts a new campaign; refused (busy) while another one is under way. Rejects when the
   * campaign cannot be kept in the browser's storage (nothing was sent then).
   */
  async start(
    definition: CampaignDefinition,
    messages: PlannedMessages,
    excluded: ReadonlyMap<number, Finding>,
    mailbox: string | null,
    schedule: CampaignSchedule | null = null,
  ): Promise<void> {
    if (this.handle) return;
    const otherId = await this.records.activeId();
    const otherStatus = otherId ? await this.records.status(otherId) : null;
    if (otherStatus !== null && !ended(otherStatus)) {
      // Another pane started one meanwhile: show it (read-only while it runs) instead.
      this.refresh();
      return this.setNotice('busy');
    }
    const handle = await this.options.lock.acquire(definition.id);
    if (!handle) return this.setNotice('busy');
    // Held before the first write, so that this pane's own notices find it the runner.
    this.handle = handle;
    const ledger = newLedger(definition.id, messages.rows(), mailbox, this.now());
    // A scheduled campaign keeps what its times are computed from: every pane computes the same.
    if (schedule) ledger.schedule = schedule;
    try {
      if (otherId) await this.records.close(otherId);
      await this.records.start(definition, ledger);
    } catch (error) {
      this.handle = null;
      handle.release();
      this.refresh();
      throw error;
    }
    this.view = null;
    await this.runHeld(handle, { plan: { definition, messages, excluded, ledger } });
  }

  pause(): void {
    this.abort?.abort();
  }

  async resume(): Promise<void> {
    await this.withCampaign(async (handle) => this.runHeld(handle));
  }

  /** Re-runs the failed rows in the same ledger: each keeps its marker and is looked up first. */
  async retryFailed(): Promise<void> {
    await this.withCampaign(async (handle) =>
      this.runHeld(handle, {
        prepare: (ledger) => {
          const changed: number[] = [];
          for (const row of ledger.rows) {
            const state = ledger.states[row];
            if (state?.status !== 'failed') continue;
            ledger.states[row] = retryState(state);
            changed.push(row);
          }
          return changed;
        },
      }),
    );
  }

  /** Stops for good: see stopCampaign.ts. The report follows; a new campaign can start at once. */
  async stop(): Promise<void> {
    const view = this.view;
    if (!view || view.observing || ended(view.ledger.status)) return;
    this.update({ stopping: true, notice: null });
    if (this.handle && this.abort) {
      // The runner stops at its next step and settles the rows with the lock it holds.
      this.stopRequested = true;
      this.abort.abort();
      return this.work;
    }
    await this.withCampaign(async (handle) => {
      this.handle = handle;
      try {
        await this.settle(handle);
      } finally {
        this.handle = null;
        handle.release();
      }
      this.refresh();
    });
    this.update({ stopping: false });
  }

  /**
   * Cancels a scheduled campaign: what is still being prepared stops (as Stop does), then every
   * message Exchange still holds for later is deleted (scheduleCancel.ts). Messages whose time
   * came already went out and stay sent.
   */
  async cancelScheduled(): Promise<void> {
    const view = this.view;
    if (!view || view.observing || !view.ledger.schedule) return;
    if (!ended(view.ledger.status)) await this.stop();
    this.update({ stopping: true, notice: null });
    await this.withCampaign(async (handle) => {
      this.handle = handle;
      try {
        const ledger = (await this.records.ledger(view.definition.id))?.ledger;
        const graph = this.graph;
        if (!ledger) return;
        if (!graph) return this.update({ notice: 'signInToStop' });
        const writes = new LedgerWrites((rows) => this.write(handle, ledger, rows));
        await cancelHeld(ledger, {
          graph: graph as CancelGraph,
          save: (_ledger, row) => writes.record(row),
          now: this.now,
        });
        await writes.settled();
        await this.records.compact(ledger.id).catch(() => undefined);
      } catch (e) {
        this.update({ error: e instanceof NotRunner ? null : e instanceof Error ? e.message : String(e) });
      } finally {
        this.handle = null;
        handle.release();
      }
      this.refresh();
    });
    this.update({ stopping: false });
  }

  /** Forgets an ended campaign once its report was seen. */
  close(): void {
    const view = this.view;
    if (!view || view.running || !ended(view.ledger.status)) return;
    // Forgotten here at once; the records follow (a pane opened meanwhile may still show the report).
    this.records.close(view.definition.id).catch(() => undefined);
    this.view = null;
    this.emit();
  }

  /**
   * The pane is closing: nothing more is written, so the ledger keeps the state the last write
   * left (a campaign left running is resumed by the next pane), and the campaign is let go.
   */
  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
    this.handle?.release();
    this.takeOverWait?.abort();
    if (this.waitTimer) clearTimeout(this.waitTimer.timer);
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.unwatch();
    this.listeners.clear();
  }

  // ---------------------------------------------------------------------------------------------

  private emit(): void {
    if (this.emitTimer) {
      clearTimeout(this.emitTimer);
      this.emitTimer = null;
    }
    for (const listener of [...this.listeners]) listener();
  }

  /** The view changed in a way that can wait a little (progress): at most one emit per interval. */
  private emitSoon(): void {
    this.emitTimer ??= setTimeout(() => {
      this.emitTimer = null;
      this.emit();
    }, this.options.progressIntervalMs ?? 250);
  }

  private update(changes: Partial<CampaignView>): void {
    if (!this.view) return;
    this.view = { ...this.view, ...changes };
    this.emit();
  }

  private setNotice(notice: CampaignView['notice']): void {
    this.update({ notice });
  }

  /** Takes the shown campaign (waiting a little for another pane to let go) and does `work` with it. */
  private async withCampaign(work: (handle: RunnerHandle) => Promise<void>): Promise<void> {
    // A run of this pane that just ended (the view says so) is still storing its last writes: the action comes after.
    if (this.handle && this.view?.ledger.status !== 'running') await this.work;
    const view = this.view;
    if (!view || this.handle || view.observing) return;
    const handle = await this.options.lock.acquire(view.definition.id, this.options.lockWaitMs ?? 3000);
    if (!handle) return this.setNotice('busy');
    await work(handle);
  }

  /**
   * The active campaign as kept now. The definition is read and re-planned once per campaign
   * (re-planning checks every row, in slices); while the campaign is the same only its ledger is
   * read again.
   */
  private async load(known?: Known): Promise<Loaded | null> {
    const id = await this.records.activeId();
    if (!id) return null;
    // A ledger this pane just made and wrote is the one kept: version 0, nothing to read.
    const stored =
      known?.ledger && known.definition.id === id
        ? { ledger: known.ledger, version: 0 }
        : await this.records.ledger(id);
    if (!stored) return null;
    const same = known?.definition.id === id ? known : this.view?.definition.id === id ? this.view : null;
    const definition = same?.definition ?? (await this.records.definition(id));
    if (!definition) return null;
    const plan = same ? { messages: same.messages, excluded: same.excluded } : await definitionPlanInSlices(definition);
    return {
      definition,
      ledger: stored.ledger,
      version: stored.version,
      messages: plan.messages,
      excluded: plan.excluded,
    };
  }

  /** Shows a campaign as read (not run by this pane). */
  private show(loaded: Loaded | null): void {
    if (!loaded) {
      this.view = null;
      this.counts = null;
      return;
    }
    const same = this.view?.definition.id === loaded.definition.id ? this.view : null;
    this.version = loaded.version;
    this.counts = totals(loaded.ledger);
    this.view = {
      definition: loaded.definition,
      ledger: loaded.ledger,
      messages: loaded.messages,
      excluded: loaded.excluded,
      running: false,
      observing: this.observing(loaded.ledger),
      stopping: same?.stopping ?? false,
      notice: same?.notice ?? null,
      progress: progressOf(this.counts),
      error: same?.error ?? null,
    };
  }

  private observing(ledger: CampaignLedger): boolean {
    return ledger.status === 'running' && this.options.lock.isHeld(ledger.id);
  }

  /** Reads the records again (another pane wrote, or the pane just opened); notices heard meanwhile are applied after. */
  private refresh(): void {
    if (this.disposed || this.handle) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    void (async () => {
      try {
        do {
          this.refreshAgain = false;
          this.heard = [];
          const loaded = await this.load();
          if (this.disposed || this.handle) return;
          this.show(loaded);
          for (const notice of this.heard.splice(0)) this.apply(notice);
          this.emit();
          this.reconcile();
        } while (this.refreshAgain && !this.disposed && !this.handle);
      } catch (error) {
        this.update({ error: error instanceof Error ? error.message : String(error) });
      } finally {
        this.refreshing = false;
        this.heard = [];
      }
    })();
  }

  /** What another pane wrote. */
  private hear(notice: CampaignNotice): void {
    if (this.disposed || this.handle) return;
    if (notice.kind !== 'ledger') return this.refresh();
    if (this.refreshing) {
      this.heard.push(notice);
      return;
    }
    const status = this.view?.ledger.status;
    if (!this.apply(notice)) return this.refresh();
    if (this.view?.ledger.status !== status) {
      this.emit();
      this.reconcile();
    } else this.emitSoon();
  }

  /** Applies a write to the shown ledger when it is the next one; false when the ledger must be read again instead. */
  private apply(notice: Extract<CampaignNotice, { kind: 'ledger' }>): boolean {
    const view = this.view;
    if (!view || !this.counts || view.definition.id !== notice.id) return false;
    if (notice.version <= this.version) return true;
    // A notice covers the writes from `from` on: one this pane has not heard of before them means reading again.
    if (notice.from > this.version + 1) return false;
    const ledger = view.ledger;
    for (const [row, state] of notice.write.states) {
      retally(this.counts, ledger.states[row], state);
      ledger.states[row] = state;
    }
    Object.assign(ledger, notice.write.fields);
    this.version = notice.version;
    this.view = {
      ...view,
      ledger: { ...ledger },
      observing: this.observing(ledger),
      progress: progressOf(this.counts),
    };
    return true;
  }

  /** Decides what this pane does with the campaign it shows, when it does not hold it. */
  private reconcile(): void {
    if (this.disposed || this.handle || !this.view) return;
    const { ledger, definition } = this.view;
    if (ledger.status === 'running') {
      // Its runner is another pane, or none (that pane closed): follow it, and take over when free.
      if (!this.takeOverWait && this.graph) {
        const wait = new AbortController();
        this.takeOverWait = wait;
        // Read from the records once the lock is this pane's: the last runner's writes are in.
        const stillRunning = async () =>
          !this.disposed && this.graph !== null && (await this.records.status(definition.id)) === 'running';
        void this.options.lock.takeOver(definition.id, stillRunning, wait.signal).then((handle) => {
          if (this.takeOverWait === wait) this.takeOverWait = null;
          if (handle) void this.runHeld(handle);
          else this.refresh();
        });
      }
    } else if (ledger.status === 'waiting') this.scheduleWaiting(definition.id, ledger.resumeAt ?? 0);
    else if (ledger.status === 'blocked' && ledger.blocked?.reason === 'files_missing')
      this.resumeWhereFilesAre(definition.id);
    else if (this.waitTimer) {
      // Resumed, stopped or finished meanwhile (here or in another pane): nothing to wait for.
      clearTimeout(this.waitTimer.timer);
      this.waitTimer = null;
    }
  }

  /** A campaign waiting for the 24-hour budget goes on by itself at its time, in whichever pane gets it. */
  private scheduleWaiting(id: string, at: number): void {
    if (this.waitTimer?.at === at) return;
    if (this.waitTimer) clearTimeout(this.waitTimer.timer);
    const timer = setTimeout(
      () => {
        this.waitTimer = null;
        if (this.disposed || this.handle || this.view?.definition.id !== id || !this.graph) return;
        void this.options.lock.acquire(id).then((handle) => {
          if (!handle) return this.refresh();
          void this.runHeld(handle);
        });
      },
      Math.max(0, at - this.now()),
    );
    this.waitTimer = { at, timer };
  }

  /** The campaign's files that this pane's message lacks, named as the sender knows them. */
  private async missingHere(
    definition: CampaignDefinition,
    ledger: CampaignLedger,
    messages: PlannedMessages,
  ): Promise<string[]> {
    const needed = filesStillNeeded(ledger, messages);
    if (!this.options.missingFiles || needed.names.length + needed.contentIds.length === 0) return [];
    let missing = await this.options.missingFiles(needed);
    // A picture the template shows only on some rows is missing only if a row still to build shows it.
    const pictures = missing.filter((file) => needed.contentIds.includes(file) && !needed.names.includes(file));
    if (pictures.length > 0) {
      const shown = new Set(await picturesStillShown(ledger, messages, pictures));
      missing = missing.filter((file) => !pictures.includes(file) || shown.has(file));
    }
    return missing.map((file) => definition.attachments.find((a) => a.isInline && a.contentId === file)?.name ?? file);
  }

  /** A campaign blocked because another pane's message lacked its files goes on by itself in a pane whose message holds them. */
  private resumeWhereFilesAre(id: string): void {
    const view = this.view;
    if (this.checkingFiles || !view || !this.graph || !this.options.missingFiles) return;
    this.checkingFiles = true;
    // Looked at without the campaign: a pane without the files writes nothing, so panes never answer each other.
    void this.missingHere(view.definition, view.ledger, view.messages)
      .then(async (missing) => {
        if (
          missing.length > 0 ||
          this.disposed ||
          this.handle ||
          this.view?.definition.id !== id ||
          this.view.ledger.status !== 'blocked'
        )
          return;
        const handle = await this.options.lock.acquire(id);
        if (handle) void this.runHeld(handle);
      })
      .catch(() => undefined)
      .finally(() => (this.checkingFiles = false));
  }

  /** One write of the ledger (its fields, and these rows' states as they are now), as long as this pane still holds the campaign. */
  private async write(handle: RunnerHandle, ledger: CampaignLedger, rows: readonly number[]): Promise<void> {
    if (this.disposed || !handle.confirm()) throw new NotRunner('Another Outmerge pane is sending this campaign now.');
    await this.records.write(ledger.id, {
      fields: ledgerFields(ledger),
      states: rows.map((row) => [row, ledger.states[row] ?? { status: 'pending' }] as const),
    });
  }

  /** Runs the campaign with the lock held, then lets go (or stops it for good if Stop was asked for). */
  private runHeld(
    handle: RunnerHandle,
    extra: { plan?: Known; prepare?: (ledger: CampaignLedger) => number[] } = {},
  ): Promise<void> {
    const work = this.runWith(handle, extra);
    this.work = work;
    return work;
  }

  private async runWith(
    handle: RunnerHandle,
    extra: { plan?: Known; prepare?: (ledger: CampaignLedger) => number[] },
  ): Promise<void> {
    this.handle = handle;
    this.takeOverWait?.abort();
    this.takeOverWait = null;
    if (this.waitTimer) clearTimeout(this.waitTimer.timer);
    this.waitTimer = null;
    // Fresh from the records: another pane may have moved the campaign on before this one got it.
    const loaded = await this.load(extra.plan).catch(() => null);
    const graph = this.graph;
    // An ended campaign runs again only for a retry of its failed rows.
    if (!loaded || !graph || this.disposed || (ended(loaded.ledger.status) && !extra.prepare))
      return this.letGo(handle);
    const { ledger, definition, messages } = loaded;
    // Writes a pane that closed while running left unfolded are folded first (the lock is this pane's).
    await this.records.compact(ledger.id).catch(() => undefined);
    const writes = new LedgerWrites((rows) => this.write(handle, ledger, rows));
    for (const row of extra.prepare?.(ledger) ?? []) void writes.record(row);
    this.show(loaded);
    const missing = await this.missingHere(definition, ledger, messages).catch(() => []);
    if (missing.length > 0) return this.blockOnFiles(handle, ledger, writes, missing);
    const abort = new AbortController();
    this.abort = abort;
    handle.lost.addEventListener('abort', () => abort.abort(), { once: true });
    this.update({ running: true, observing: false, notice: null, error: null });
    const deferred = ledger.schedule ? scheduledTimes(ledger.rows, ledger.schedule, messages) : null;
    let error: string | null = null;
    try {
      await runCampaign(ledger, messages, {
        graph,
        ratePerMinute: this.options.ratePerMinute,
        ...(this.options.maxRatePerMinute === undefined ? {} : { maxRatePerMinute: this.options.maxRatePerMinute }),
        attachment: (name) => this.options.attachment(definition, name),
        inlineImage: (contentId) => this.options.inlineImage(definition, contentId),
        signal: abort.signal,
        // A scheduled campaign's times keep the budget themselves (Exchange counts when it sends them); rows whose time passed go from today's budget.
        budget: this.options.sendLog,
        ...(deferred ? { deferredAt: (row: number) => deferred.get(row) ?? null } : {}),
        ...(this.options.health ? { health: this.options.health } : {}),
        save: (_ledger, row) => writes.record(row),
        onSent: (recipients, at) => this.options.sendLog.record(recipients, at),
        onProgress: (progress) => {
          if (!this.view) return;
          const status = this.view.ledger.status;
          this.view = { ...this.view, ledger: { ...ledger }, progress };
          if (ledger.status !== status) this.emit();
          else this.emitSoon();
        },
      });
    } catch (e) {
      if (!(e instanceof NotRunner)) error = e instanceof Error ? e.message : String(e);
    }
    this.abort = null;
    if (this.stopRequested && !this.disposed && !handle.lost.aborted) {
      this.stopRequested = false;
      this.update({ ledger: { ...ledger }, running: false, progress: progressOf(totals(ledger)) });
      await this.settle(handle, ledger, writes);
    }
    this.stopRequested = false;
    if (this.disposed) return this.letGo(handle);
    this.update({ error });
    await this.letGo(handle, { id: ledger.id, writes });
  }

  /** Releases the campaign (the writes this pane made folded first) and shows it as kept. */
  private async letGo(handle: RunnerHandle, made?: { id: string; writes: LedgerWrites }): Promise<void> {
    if (made && !this.disposed) {
      await made.writes.settled().catch(() => undefined);
      await this.records.compact(made.id).catch(() => undefined);
    }
    this.handle = null;
    handle.release();
    this.refresh();
  }

  /** This pane's message lacks the campaign's files: the campaign waits, every row as it was, for a pane whose message holds them. */
  private async blockOnFiles(
    handle: RunnerHandle,
    ledger: CampaignLedger,
    writes: LedgerWrites,
    files: string[],
  ): Promise<void> {
    ledger.status = 'blocked';
    ledger.resumeAt = null;
    ledger.blocked = {
      reason: 'files_missing',
      message: `The message this Outmerge pane belongs to does not hold ${files.join(', ')}.`,
      files,
    };
    await writes.record().catch((error: unknown) => {
      if (!(error instanceof NotRunner)) throw error;
    });
    await this.letGo(handle, { id: ledger.id, writes });
  }

  /** Settles the rows of a stopped campaign (the lock held), then shows its report. */
  private async settle(handle: RunnerHandle, known?: CampaignLedger, knownWrites?: LedgerWrites): Promise<void> {
    const id = this.view?.definition.id ?? '';
    const ledger = known ?? (await this.records.ledger(id).catch(() => null))?.ledger;
    const graph = this.graph;
    if (!ledger || ended(ledger.status)) return;
    // Drafts are deleted and messages looked up in the mailbox: that needs a sign-in.
    if (!graph) {
      this.update({ stopping: false, notice: 'signInToStop' });
      return;
    }
    const writes = knownWrites ?? new LedgerWrites((rows) => this.write(handle, ledger, rows));
    const counts = totals(ledger);
    try {
      await settleStopped(ledger, {
        graph,
        save: (l, row) => {
          // Stop settles each row still to go (pending, creating, drafted, sending) once.
          if (row !== undefined) retally(counts, { status: 'pending' }, l.states[row]);
          if (this.view) this.view = { ...this.view, ledger: { ...l }, progress: progressOf(counts) };
          this.emitSoon();
          return writes.record(row);
        },
        ...(this.options.stopSettleWindowMs !== undefined ? { settleWindowMs: this.options.stopSettleWindowMs } : {}),
        now: this.now,
      });
      this.update({
        ledger: { ...ledger },
        stopping: false,
        running: false,
        progress: progressOf(totals(ledger)),
        error: null,
      });
    } catch (e) {
      this.update({
        stopping: false,
        error: e instanceof NotRunner ? null : e instanceof Error ? e.message : String(e),
      });
    }
  }
}
