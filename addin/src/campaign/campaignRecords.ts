/**
 * Where campaigns are kept between pane sessions (M7): the port, and an in-memory implementation
 * that several panes of one unit test share. The pane's own is IndexedDB
 * (`storage/idbCampaignRecords.ts`): a 100,000-row campaign does not fit in localStorage, and a
 * row's change must not cost a write of the whole ledger.
 *
 * What is kept: the campaign's definition (template, recipients, mapping, footer decision) once,
 * its ledger's own fields (status, wait, block, reports seen) with a version, and each row's state
 * that is not "pending" (a row without one is pending). A write records only what changed; the
 * pane holding the campaign folds its writes into one record per row now and then (`compact`).
 * Nothing leaves the browser (M10). One campaign is the active one: the one a pane shows and
 * resumes when it opens.
 *
 * Other panes hear of the writes (BroadcastChannel in the pane): the versions a notice covers and
 * the rows they changed, so that a pane following a campaign keeps its copy without reading it
 * all again.
 */
import type { MergeRow } from '#shared/merge/mergeTemplate.js';
import type { SuppressionReason } from '../inbox/suppressionList.js';
import type { CampaignLedger, RowState } from './campaign.js';
import type { SendLogEntry, SendLogRecords } from './sendLog.js';

/** Why a campaign goes to part of its list: a follow-up of a past campaign's recipients, or a re-run of its failed rows. */
export type CampaignPart = 'follow_up' | 'rerun';

export interface CampaignDefinition {
  id: string;
  subject: string;
  bodyHtml: string;
  columns: string[];
  rows: MergeRow[];
  emailColumn: string;
  ccColumn: string | null;
  bccColumn: string | null;
  attachmentColumn: string | null;
  /** The draft's attachments when the campaign started (their bytes are read from the draft when sent); inline images with their content id. */
  attachments: Array<{ id: string; name: string; size: number; isInline?: boolean; contentId?: string | null }>;
  /** Rows the sender left out by hand: the report lists them too. */
  excludedRows?: number[];
  /** A campaign to part of the list (a follow-up, a re-run of failed rows): the rows outside it, listed in the report as such. */
  part?: { of: CampaignPart; outside: number[] };
  footerHtml: string | null;
  /** The suppression list's entries for this list's addresses when it started (canonical address, reason). */
  suppressed?: Array<[string, SuppressionReason]>;
  /** The unsubscribe line under each message, or null. */
  unsubscribeHtml?: string | null;
}

/** A ledger's own fields: everything but its rows (kept once) and their states (a record each). */
export type LedgerFields = Omit<CampaignLedger, 'rows' | 'states'>;

export function ledgerFields(ledger: CampaignLedger): LedgerFields {
  const { rows: _rows, states: _states, ...fields } = ledger;
  return fields;
}

/** One write: the ledger's fields as they are now, and the rows whose state changed. */
export interface LedgerWrite {
  fields: LedgerFields;
  states: ReadonlyArray<readonly [number, RowState]>;
}

/** What another pane hears: a write to a campaign's ledger, or another campaign (or none) became the active one. */
export type CampaignNotice =
  /** The writes from version `from` to `version`: the ledger's fields after the last, each changed row's state after the last that changed it. */
  | { kind: 'ledger'; id: string; from: number; version: number; write: LedgerWrite }
  | { kind: 'active'; id: string | null }
  /** Something may have changed (records that cannot tell what): read again. */
  | { kind: 'unknown' };

export interface StoredLedger {
  ledger: CampaignLedger;
  /** Raised by every write; a pane that heard of version v + 1 after reading v is up to date. */
  version: number;
}

export interface CampaignRecords {
  /** The campaign a pane shows and resumes, if any. */
  activeId(): Promise<string | null>;
  /** Keeps a new campaign (its definition, its ledger) and makes it the active one, in that order. */
  start(definition: CampaignDefinition, ledger: CampaignLedger): Promise<void>;
  /** A campaign's definition, as kept when it started. */
  definition(id: string): Promise<CampaignDefinition | null>;
  /** A campaign's ledger as last written, by any pane. */
  ledger(id: string): Promise<StoredLedger | null>;
  /** Its status alone, as last written: cheap at any size. */
  status(id: string): Promise<CampaignLedger['status'] | null>;
  /** Writes a change in one transaction; resolves with the ledger's new version once it is stored. */
  write(id: string, change: LedgerWrite): Promise<number>;
  /** Folds the writes kept so far into one record per row; by the pane holding the campaign, between its writes. */
  compact(id: string): Promise<void>;
  /** Forgets a campaign (its report was seen, or another starts). */
  close(id: string): Promise<void>;
  /** Calls `listener` with what other panes wrote (never with this object's own writes). */
  watch(listener: (notice: CampaignNotice) => void): () => void;
}

// -------------------------------------------------------------------------------------------------

interface MemoryCampaign {
  definition: CampaignDefinition;
  fields: LedgerFields;
  rows: number[];
  states: Map<number, RowState>;
  version: number;
}

/**
 * Campaign records in memory, shared by the panes of one test (each pane calls `open()`): values
 * are copied in and out as IndexedDB's structured clone does, every answer comes in a later task,
 * and a pane hears only the other panes' writes, as with a BroadcastChannel.
 */
export class MemoryCampaignRecords {
  private active: string | null = null;
  private readonly campaigns = new Map<string, MemoryCampaign>();
  private readonly listeners = new Map<object, (notice: CampaignNotice) => void>();
  readonly sendLog: SendLogEntry[] = [];

  open(): CampaignRecords {
    const pane = {};
    const announce = (notice: CampaignNotice) => {
      const copy = structuredClone(notice);
      for (const [other, listener] of [...this.listeners]) if (other !== pane) setTimeout(() => listener(copy), 0);
    };
    return {
      activeId: () => later(() => this.active),
      start: (definition, ledger) =>
        later(() => {
          const states = new Map<number, RowState>();
          for (const row of ledger.rows) {
            const state = ledger.states[row];
            if (state && state.status !== 'pending') states.set(row, structuredClone(state));
          }
          this.campaigns.set(definition.id, {
            definition: structuredClone(definition),
            fields: structuredClone(ledgerFields(ledger)),
            rows: [...ledger.rows],
            states,
            version: 0,
          });
          this.active = definition.id;
          announce({ kind: 'active', id: definition.id });
        }),
      definition: (id) => later(() => structuredClone(this.campaigns.get(id)?.definition ?? null)),
      ledger: (id) =>
        later(() => {
          const campaign = this.campaigns.get(id);
          if (!campaign) return null;
          const states: Record<number, RowState> = {};
          for (const row of campaign.rows)
            states[row] = structuredClone(campaign.states.get(row) ?? { status: 'pending' });
          return {
            ledger: { ...structuredClone(campaign.fields), rows: [...campaign.rows], states },
            version: campaign.version,
          };
        }),
      status: (id) => later(() => this.campaigns.get(id)?.fields.status ?? null),
      write: (id, change) =>
        later(() => {
          const campaign = this.campaigns.get(id);
          if (!campaign) throw new Error(`No campaign ${id} is kept.`);
          campaign.fields = structuredClone(change.fields);
          for (const [row, state] of change.states) campaign.states.set(row, structuredClone(state));
          campaign.version++;
          announce({ kind: 'ledger', id, from: campaign.version, version: campaign.version, write: change });
          return campaign.version;
        }),
      // Each write is kept per row at once here: nothing to fold.
      compact: () => later(() => undefined),
      close: (id) =>
        later(() => {
          this.campaigns.delete(id);
          if (this.active === id) {
            this.active = null;
            announce({ kind: 'active', id: null });
          }
        }),
      watch: (listener) => {
        this.listeners.set(pane, listener);
        return () => void this.listeners.delete(pane);
      },
    };
  }

  /** This device's send log, shared by the panes of the test. */
  sendLogRecords(): SendLogRecords {
    return {
      read: (since) => later(() => structuredClone(this.sendLog.filter((entry) => entry.at > since))),
      append: (entries) => later(() => void this.sendLog.push(...structuredClone(entries))),
    };
  }
}

/** An answer in a later task, as IndexedDB gives its answers. */
function later<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, 0),
  );
}
