/**
 * Past and scheduled campaigns (issue 14, point 5), kept on this device: a campaign's definition
 * (template, recipient list, mapping) and its ledger as it ended, so that its report can be shown
 * again and its failed rows re-run. Why the device and not the mailbox: see README, *Past
 * campaigns*. Nothing of it leaves the browser (M10).
 *
 * The port and its pure rules: what a list entry says (`historyEntry`), the search, which failed
 * rows a re-run may send again (`rerunRows`) and the new campaign it makes (`rerunDefinition`),
 * and what scheduled campaigns already hold of the 24-hour budget (`heldCounts`). The pane's
 * implementation is `idbCampaignHistory.ts`; `MemoryCampaignHistory` serves unit tests.
 */
import type { CampaignLedger, FailureReason, LedgerTotals } from '../campaign/campaign.js';
import { retally } from '../campaign/campaign.js';
import { inSlices } from '../campaign/slices.js';
import type { CampaignDefinition } from '../campaign/campaignRecords.js';
import { FIRST_DATA_ROW } from '../campaign/planCampaign.js';

/** What the list shows of a campaign, kept apart from the definition (which holds every row). */
export interface HistoryEntry {
  id: string;
  subject: string;
  /** The shared mailbox it went out from, or null for the sender's own. */
  mailbox: string | null;
  startedAt: number;
  /** When it was last written here. */
  updatedAt: number;
  status: CampaignLedger['status'];
  totals: LedgerTotals;
  /** A scheduled campaign: the time the sender chose. */
  scheduledFor: number | null;
  /**
   * Messages Exchange holds for later, per minute: [minute's time, recipients]. What a new
   * scheduled campaign must leave room for, and what the scheduled list shows.
   */
  held: Array<[number, number]>;
}

export interface HistoryRecord {
  entry: HistoryEntry;
  definition: CampaignDefinition;
  ledger: CampaignLedger;
}

export interface CampaignHistory {
  /** Every entry, newest first. */
  list(): Promise<HistoryEntry[]>;
  get(id: string): Promise<HistoryRecord | null>;
  /** Keeps (or replaces) a campaign as it is now; the oldest beyond the kept number are forgotten. */
  put(record: HistoryRecord): Promise<void>;
  remove(id: string): Promise<void>;
}

/** How many campaigns are kept: each holds its whole recipient list. */
export const KEPT_CAMPAIGNS = 50;

/**
 * The list entry of a campaign. `recipientsOf`: a row's recipients (To, CC, BCC), for what a
 * held message takes from the budget when it goes out.
 */
export function historyEntry(
  definition: CampaignDefinition,
  ledger: CampaignLedger,
  now: number,
  recipientsOf: (row: number) => number = () => 1,
): HistoryEntry {
  const tally = entryTally(ledger, now, recipientsOf);
  for (const row of ledger.rows) tally.add(row);
  return tally.entry(definition);
}

/** The same entry, its rows counted in slices that give the UI thread back (a 100,000-row campaign as it ends). */
export async function historyEntryInSlices(
  definition: CampaignDefinition,
  ledger: CampaignLedger,
  now: number,
  recipientsOf: (row: number) => number = () => 1,
): Promise<HistoryEntry> {
  const tally = entryTally(ledger, now, recipientsOf);
  await inSlices(ledger.rows.length, (index) => tally.add(ledger.rows[index]!));
  return tally.entry(definition);
}

/** What an entry counts, a row at a time: the totals, and what Exchange holds per minute. */
function entryTally(ledger: CampaignLedger, now: number, recipientsOf: (row: number) => number) {
  const held = new Map<number, number>();
  const counts: LedgerTotals = {
    total: ledger.rows.length,
    sent: 0,
    failed: 0,
    cancelled: 0,
    remaining: ledger.rows.length,
  };
  return {
    add(row: number) {
      const state = ledger.states[row];
      retally(counts, undefined, state);
      if (state?.status !== 'sent' || !state.heldId || state.at <= now) return;
      const minute = Math.floor(state.at / 60_000) * 60_000;
      held.set(minute, (held.get(minute) ?? 0) + recipientsOf(row));
    },
    entry(definition: CampaignDefinition): HistoryEntry {
      return {
        id: definition.id,
        subject: definition.subject,
        mailbox: ledger.mailbox,
        startedAt: ledger.createdAt,
        updatedAt: now,
        status: ledger.status,
        totals: counts,
        scheduledFor: ledger.schedule?.startAt ?? null,
        held: [...held].sort((a, b) => a[0] - b[0]),
      };
    },
  };
}

/** Whether Exchange still holds some of the campaign's messages for later. */
export function isScheduled(entry: HistoryEntry, now: number): boolean {
  return entry.held.some(([minute]) => minute + 60_000 > now);
}

/** The held messages still to come, and when the first goes out. */
export function heldSummary(entry: HistoryEntry, now: number): { messages: number; from: number | null } {
  const coming = entry.held.filter(([minute]) => minute + 60_000 > now);
  return { messages: coming.reduce((sum, [, count]) => sum + count, 0), from: coming[0]?.[0] ?? null };
}

/** What every scheduled campaign still holds, as [time, recipients]: a new schedule leaves room for it. */
export function heldCounts(entries: readonly HistoryEntry[], now: number, except?: string): Array<[number, number]> {
  return entries
    .filter((entry) => entry.id !== except)
    .flatMap((entry) => entry.held.filter(([minute]) => minute + 60_000 > now));
}

/**
 * The entries matching a search: every word must appear in the subject, the mailbox, or the
 * start date as the reader's language writes it (`dateText`); case and accents do not matter.
 */
export function searchHistory(
  entries: readonly HistoryEntry[],
  query: string,
  dateText: (at: number) => string,
): HistoryEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const text = fold(
      [
        entry.subject,
        entry.mailbox ?? '',
        dateText(entry.startedAt),
        entry.scheduledFor ? dateText(entry.scheduledFor) : '',
      ].join(' '),
    );
    return words.every((word) => text.includes(word));
  });
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * Failed rows that certainly did not go out, so a new campaign may send them: Microsoft 365
 * refused them, they could not be built, or Exchange returned them. A row whose send was not
 * confirmed (`unknown_outcome`, `stopped_unconfirmed`) may have gone out: it is never re-run.
 */
const NEVER_SENT: ReadonlySet<FailureReason> = new Set([
  'rejected',
  'send_as_denied',
  'auth',
  'budget',
  'attempts_exhausted',
  'daily_limit',
  'sender_restricted',
]);

export function rerunRows(ledger: Pick<CampaignLedger, 'rows' | 'states'>): { rows: number[]; unsure: number[] } {
  const rows: number[] = [];
  const unsure: number[] = [];
  for (const row of ledger.rows) {
    const state = ledger.states[row];
    if (state?.status !== 'failed') continue;
    (NEVER_SENT.has(state.reason) ? rows : unsure).push(row);
  }
  return { rows, unsure };
}

/**
 * The new campaign a re-run starts: the same message and list under a new id (new row markers),
 * to part of the list: every row but the re-run ones is outside it, so its report still lists the
 * whole list, each other row as not re-run.
 */
export function rerunDefinition(
  definition: CampaignDefinition,
  rows: readonly number[],
  newId: string,
): CampaignDefinition {
  const keep = new Set(rows);
  const outside = definition.rows.map((_, index) => index + FIRST_DATA_ROW).filter((row) => !keep.has(row));
  return { ...definition, id: newId, excludedRows: [], part: { of: 'rerun', outside } };
}

/** Campaign history in memory, copied in and out as IndexedDB's structured clone does. */
export class MemoryCampaignHistory implements CampaignHistory {
  private readonly records = new Map<string, HistoryRecord>();

  async list(): Promise<HistoryEntry[]> {
    return [...this.records.values()].map((r) => structuredClone(r.entry)).sort((a, b) => b.startedAt - a.startedAt);
  }

  async get(id: string): Promise<HistoryRecord | null> {
    const record = this.records.get(id);
    return record ? structuredClone(record) : null;
  }

  async put(record: HistoryRecord): Promise<void> {
    this.records.set(record.entry.id, structuredClone(record));
    const oldest = [...this.records.values()]
      .sort((a, b) => b.entry.startedAt - a.entry.startedAt)
      .slice(KEPT_CAMPAIGNS);
    for (const old of oldest) this.records.delete(old.entry.id);
  }

  async remove(id: string): Promise<void> {
    this.records.delete(id);
  }
}
