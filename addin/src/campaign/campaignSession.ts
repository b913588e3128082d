/**
 * The pane's campaign, across panes and reloads (M6, M7), without React: one campaign at a time
 * per browser profile, kept in the shared storage (CampaignStore), run by exactly one pane.
 *
 * - The pane that starts, resumes or retries a campaign becomes its runner only if it holds the
 *   campaign's RunnerLock; it checks the lock before every ledger write and stops if it lost it.
 * - Every other pane shows the campaign read-only, following the shared ledger through storage
 *   events, and waits for the lock: when the runner's pane closes with the ledger left running,
 *   it takes over by itself (reading the ledger as last saved, so nothing is sent twice).
 * - Stop ends the campaign for good (stopCampaign.ts); a retry re-runs the failed rows in the same
 *   ledger, so each keeps its marker and is looked up before anything is sent again.
 * - A campaign's files are read from the message it was started from. A pane whose message lacks
 *   those its remaining rows need (a second compose window taking over while the first reloads)
 *   builds nothing: it blocks the campaign (`files_missing`, rows as they were), and a pane whose
 *   message holds them resumes it by itself.
 */
import { retryState, newLedger, totals, type CampaignLedger } from './campaign.js';
import { runCampaign, type GraphOperations, type RunProgress } from './campaignRunner.js';
import type { OutgoingMessage } from './outgoingMessage.js';
import type { MailboxHealth } from './deliveryReports.js';
import { CampaignStore, type CampaignDefinition } from './campaignStore.js';
import { definitionPlan } from './definitionMessages.js';
import type { Finding } from './planCampaign.js';
import type { RunnerHandle, RunnerLock } from './runnerLock.js';
import type { SendLog } from './sendLog.js';
import { settleStopped } from './stopCampaign.js';
import type { GraphFileAttachment } from '../graph/graphMailClient.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';

export interface CampaignView {
  definition: CampaignDefinition;
  ledger: CampaignLedger;
  messages: ReadonlyMap<number, OutgoingMessage>;
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
  store: KeyValueStore;
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
  /**
   * Which of these files the message this pane sits in does not hold (attachment names, inline
   * pictures' content ids), read from the message's attachment list. Without it, no check.
   */
  missingFiles?: (files: { names: readonly string[]; contentIds: readonly string[] }) => Promise<string[]>;
  now?: () => number;
}

/** This pane lost the campaign to another one (or is closing): it must not write the ledger. */
class NotRunner extends Error {}

/** The files that rows still to be built need (a row already drafted or sending needs none). */
export function filesStillNeeded(ledger: CampaignLedger, messages: ReadonlyMap<number, OutgoingMessage>): { names: string[]; contentIds: string[] } {
  const names = new Set<string>();
  const contentIds = new Set<string>();
  for (const row of ledger.rows) {
    const status = ledger.states[row]?.status ?? 'pending';
    const message = messages.get(row);
    if (!message || (status !== 'pending' && status !== 'creating')) continue;
    for (const name of message.attachments) names.add(name);
    for (const id of message.inline ?? []) contentIds.add(id);
  }
  return { names: [...names], contentIds: [...contentIds] };
}

function initialProgress(ledger: CampaignLedger): RunProgress {
  return { ...totals(ledger), throttledUntil: null, estimatedRemainingMs: 0 };
}

const ended = (ledger: CampaignLedger) => ledger.status === 'finished' || ledger.status === 'cancelled';

export class CampaignSession {
  private readonly store: CampaignStore;
  private view: CampaignView | null = null;
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
  private readonly unwatch: () => void;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.store = new CampaignStore(options.store);
    this.now = options.now ?? Date.now;
    const onChange = (key: string | null) => {
      if (CampaignStore.concerns(key)) this.refresh();
    };
    if (options.store.watch) this.unwatch = options.store.watch(onChange);
    else {
      // A storage that announces nothing is read again every second.
      const timer = setInterval(() => onChange(null), 1000);
      this.unwatch = () => clearInterval(timer);
    }
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

  /** Starts a new campaign; refused (busy) while another one is under way. */
  async start(definition: CampaignDefinition, messages: ReadonlyMap<number, OutgoingMessage>, excluded: ReadonlyMap<number, Finding>, mailbox: string | null): Promise<void> {
    if (this.handle) return;
    const otherId = this.store.activeId();
    const other = otherId ? this.store.ledger(otherId) : null;
    if (otherId && other && !ended(other)) {
      // Another pane started one meanwhile: show it (read-only while it runs) instead.
      this.refresh();
      return this.setNotice('busy');
    }
    const handle = await this.options.lock.acquire(definition.id);
    if (!handle) return this.setNotice('busy');
    // Held before the first write, so that this pane's own storage events find it the runner.
    this.handle = handle;
    if (otherId) this.store.close(otherId);
    this.store.start(definition, newLedger(definition.id, [...messages.keys()], mailbox, this.now()));
    this.view = null;
    await this.runHeld(handle, { messages, excluded });
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
          for (const row of ledger.rows) {
            const state = ledger.states[row];
            if (state?.status === 'failed') ledger.states[row] = retryState(state);
          }
        },
      }),
    );
  }

  /** Stops for good: see stopCampaign.ts. The report follows; a new campaign can start at once. */
  async stop(): Promise<void> {
    const view = this.view;
    if (!view || view.observing || ended(view.ledger)) return;
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

  /** Forgets an ended campaign once its report was seen. */
  close(): void {
    const view = this.view;
    if (!view || view.running || !ended(view.ledger)) return;
    this.store.close(view.definition.id);
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
    this.unwatch();
    this.listeners.clear();
  }

  // ---------------------------------------------------------------------------------------------

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
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
    const view = this.view;
    if (!view || this.handle || view.observing) return;
    const handle = await this.options.lock.acquire(view.definition.id, this.options.lockWaitMs ?? 3000);
    if (!handle) return this.setNotice('busy');
    await work(handle);
  }

  /**
   * The view of the stored active campaign. Only its ledger is read again while the campaign is
   * the same (another pane writes it after every row); the definition is read and re-planned once.
   */
  private load(known?: { messages: ReadonlyMap<number, OutgoingMessage>; excluded: ReadonlyMap<number, Finding> }): CampaignView | null {
    const id = this.store.activeId();
    if (!id) return null;
    const same = this.view?.definition.id === id ? this.view : null;
    let definition = same?.definition;
    let ledger: CampaignLedger | null;
    if (definition) ledger = this.store.ledger(id);
    else {
      const active = this.store.active();
      definition = active?.definition;
      ledger = active?.ledger ?? null;
    }
    if (!definition || !ledger) return null;
    let plan = known ?? (same ? { messages: same.messages, excluded: same.excluded } : null);
    if (!plan) {
      const planned = definitionPlan(definition);
      plan = { messages: new Map(planned.messages.map((m) => [m.row, m])), excluded: planned.excluded };
    }
    return {
      definition,
      ledger,
      ...plan,
      running: false,
      observing: ledger.status === 'running' && this.options.lock.isHeld(id),
      stopping: same?.stopping ?? false,
      notice: same?.notice ?? null,
      progress: initialProgress(ledger),
      error: same?.error ?? null,
    };
  }

  /** Reads the shared storage again (another pane wrote, or the pane just opened). */
  private refresh(): void {
    if (this.disposed || this.handle) return;
    this.view = this.load();
    this.emit();
    this.reconcile();
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
        const stillRunning = () => !this.disposed && this.graph !== null && this.store.ledger(definition.id)?.status === 'running';
        void this.options.lock.takeOver(definition.id, stillRunning, wait.signal).then((handle) => {
          if (this.takeOverWait === wait) this.takeOverWait = null;
          if (handle) void this.runHeld(handle);
          else this.refresh();
        });
      }
    } else if (ledger.status === 'waiting') this.scheduleWaiting(definition.id, ledger.resumeAt ?? 0);
    else if (ledger.status === 'blocked' && ledger.blocked?.reason === 'files_missing') this.resumeWhereFilesAre(definition.id);
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
  private async missingHere(definition: CampaignDefinition, ledger: CampaignLedger, messages: ReadonlyMap<number, OutgoingMessage>): Promise<string[]> {
    const needed = filesStillNeeded(ledger, messages);
    if (!this.options.missingFiles || needed.names.length + needed.contentIds.length === 0) return [];
    const missing = await this.options.missingFiles(needed);
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
        if (missing.length > 0 || this.disposed || this.handle || this.view?.definition.id !== id || this.view.ledger.status !== 'blocked') return;
        const handle = await this.options.lock.acquire(id);
        if (handle) void this.runHeld(handle);
      })
      .catch(() => undefined)
      .finally(() => (this.checkingFiles = false));
  }

  /** Writes the ledger, as long as this pane still holds the campaign. */
  private save(handle: RunnerHandle, ledger: CampaignLedger): void {
    if (this.disposed || !handle.confirm()) throw new NotRunner('Another Outmerge pane is sending this campaign now.');
    this.store.saveLedger(ledger);
  }

  /** Runs the campaign with the lock held, then lets go (or stops it for good if Stop was asked for). */
  private runHeld(handle: RunnerHandle, extra: { messages?: ReadonlyMap<number, OutgoingMessage>; excluded?: ReadonlyMap<number, Finding>; prepare?: (ledger: CampaignLedger) => void } = {}): Promise<void> {
    const work = this.runWith(handle, extra);
    this.work = work;
    return work;
  }

  private async runWith(handle: RunnerHandle, extra: { messages?: ReadonlyMap<number, OutgoingMessage>; excluded?: ReadonlyMap<number, Finding>; prepare?: (ledger: CampaignLedger) => void }): Promise<void> {
    this.handle = handle;
    this.takeOverWait?.abort();
    this.takeOverWait = null;
    if (this.waitTimer) clearTimeout(this.waitTimer.timer);
    this.waitTimer = null;
    // Fresh from storage: another pane may have moved the campaign on before this one got it.
    const view = this.load(extra.messages && extra.excluded ? { messages: extra.messages, excluded: extra.excluded } : undefined);
    const graph = this.graph;
    // An ended campaign runs again only for a retry of its failed rows.
    if (!view || !graph || (ended(view.ledger) && !extra.prepare)) {
      this.handle = null;
      handle.release();
      return this.refresh();
    }
    const { ledger, definition } = view;
    extra.prepare?.(ledger);
    const missing = await this.missingHere(definition, ledger, view.messages).catch(() => []);
    if (missing.length > 0) return this.blockOnFiles(handle, ledger, missing);
    const abort = new AbortController();
    this.abort = abort;
    handle.lost.addEventListener('abort', () => abort.abort(), { once: true });
    this.view = { ...view, running: true, observing: false, notice: null, error: null };
    this.emit();
    let error: string | null = null;
    try {
      await runCampaign(ledger, view.messages, {
        graph,
        ratePerMinute: this.options.ratePerMinute,
        ...(this.options.maxRatePerMinute === undefined ? {} : { maxRatePerMinute: this.options.maxRatePerMinute }),
        attachment: (name) => this.options.attachment(definition, name),
        inlineImage: (contentId) => this.options.inlineImage(definition, contentId),
        signal: abort.signal,
        budget: this.options.sendLog,
        ...(this.options.health ? { health: this.options.health } : {}),
        save: (l) => this.save(handle, l),
        onSent: (recipients, at) => this.options.sendLog.record(recipients, at),
        onProgress: (progress) => this.update({ ledger: { ...ledger }, progress }),
      });
    } catch (e) {
      if (!(e instanceof NotRunner)) error = e instanceof Error ? e.message : String(e);
    }
    this.abort = null;
    if (this.stopRequested && !this.disposed && !handle.lost.aborted) {
      this.stopRequested = false;
      this.update({ ledger: { ...ledger }, running: false, progress: initialProgress(ledger) });
      await this.settle(handle, ledger);
    }
    this.stopRequested = false;
    this.handle = null;
    handle.release();
    if (this.disposed) return;
    this.update({ error });
    this.refresh();
  }

  /** This pane's message lacks the campaign's files: the campaign waits, every row as it was, for a pane whose message holds them. */
  private blockOnFiles(handle: RunnerHandle, ledger: CampaignLedger, files: string[]): void {
    ledger.status = 'blocked';
    ledger.resumeAt = null;
    ledger.blocked = { reason: 'files_missing', message: `The message this Outmerge pane belongs to does not hold ${files.join(', ')}.`, files };
    try {
      this.save(handle, ledger);
    } catch (error) {
      if (!(error instanceof NotRunner)) throw error;
    }
    this.handle = null;
    handle.release();
    this.refresh();
  }

  /** Settles the rows of a stopped campaign (the lock held), then shows its report. */
  private async settle(handle: RunnerHandle, known?: CampaignLedger): Promise<void> {
    const ledger = known ?? this.store.ledger(this.view?.definition.id ?? '');
    const graph = this.graph;
    if (!ledger || ended(ledger)) return;
    // Drafts are deleted and messages looked up in the mailbox: that needs a sign-in.
    if (!graph) {
      this.update({ stopping: false, notice: 'signInToStop' });
      return;
    }
    try {
      await settleStopped(ledger, {
        graph,
        save: (l) => {
          this.save(handle, l);
          this.update({ ledger: { ...l }, progress: initialProgress(l) });
        },
        ...(this.options.stopSettleWindowMs !== undefined ? { settleWindowMs: this.options.stopSettleWindowMs } : {}),
        now: this.now,
      });
      this.update({ ledger: { ...ledger }, stopping: false, running: false, progress: initialProgress(ledger), error: null });
    } catch (e) {
      this.update({ stopping: false, error: e instanceof NotRunner ? null : e instanceof Error ? e.message : String(e) });
    }
  }
}
