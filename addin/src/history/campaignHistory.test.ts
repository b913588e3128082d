import { describe, expect, it } from 'vitest';
import { newLedger, type CampaignLedger } from '../campaign/campaign.js';
import type { CampaignDefinition } from '../campaign/campaignRecords.js';
import { definitionPlan } from '../campaign/definitionMessages.js';
import {
  heldCounts,
  heldSummary,
  historyEntry,
  historyEntryInSlices,
  isScheduled,
  KEPT_CAMPAIGNS,
  MemoryCampaignHistory,
  rerunDefinition,
  rerunRows,
  searchHistory,
} from './campaignHistory.js';

const NOW = Date.UTC(2026, 2, 12, 8, 0);

function definition(rows = 4, extra: Partial<CampaignDefinition> = {}): CampaignDefinition {
  return {
    id: 'c1',
    subject: 'Spring offer {{Name}}',
    bodyHtml: '<p>Hello {{Name}}</p>',
    columns: ['Name', 'Email'],
    rows: Array.from({ length: rows }, (_, i) => ({ Name: `P${i}`, Email: `p${i}@fabrikam.com` })),
    emailColumn: 'Email',
    ccColumn: null,
    bccColumn: null,
    attachmentColumn: null,
    attachments: [],
    footerHtml: null,
    ...extra,
  };
}

function ledger(): CampaignLedger {
  const l = newLedger('c1', [2, 3, 4, 5], 'sales@contoso.com', NOW - 3600_000);
  l.states[2] = { status: 'sent', at: NOW - 60_000 };
  l.states[3] = { status: 'failed', reason: 'daily_limit', message: 'returned' };
  l.states[4] = { status: 'failed', reason: 'unknown_outcome', message: 'not confirmed' };
  l.states[5] = { status: 'failed', reason: 'rejected', message: 'refused' };
  l.status = 'finished';
  return l;
}

describe('the history entry', () => {
  it('says what the list shows: subject, mailbox, totals, and what Exchange still holds per minute', () => {
    const l = newLedger('c1', [2, 3, 4], null, NOW);
    l.schedule = { startAt: NOW + 3600_000, limit: 10_000, ratePerMinute: 30, counted: [] };
    l.states[2] = { status: 'sent', at: NOW + 3600_000, heldId: 'a' };
    l.states[3] = { status: 'sent', at: NOW + 3600_000 + 2000, heldId: 'b' };
    l.states[4] = { status: 'sent', at: NOW + 26 * 3600_000, heldId: 'c' };
    l.status = 'finished';
    const entry = historyEntry(definition(3), l, NOW, (row) => (row === 3 ? 3 : 1));
    expect(entry).toMatchObject({
      id: 'c1',
      subject: 'Spring offer {{Name}}',
      mailbox: null,
      status: 'finished',
      scheduledFor: NOW + 3600_000,
      totals: { total: 3, sent: 3 },
    });
    expect(entry.held).toEqual([
      [NOW + 3600_000, 4],
      [NOW + 26 * 3600_000, 1],
    ]);
    expect(isScheduled(entry, NOW)).toBe(true);
    expect(heldSummary(entry, NOW + 2 * 3600_000)).toEqual({ messages: 1, from: NOW + 26 * 3600_000 });
    expect(isScheduled(entry, NOW + 27 * 3600_000)).toBe(false);
    expect(heldCounts([entry], NOW)).toHaveLength(2);
    expect(heldCounts([entry], NOW, 'c1')).toEqual([]);
  });

  it('is the same counted in slices that give the UI thread back, for a ledger of many rows', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => i + 2);
    const l = newLedger('c1', rows, null, NOW);
    rows.forEach((row, i) => {
      if (i % 4 === 0) l.states[row] = { status: 'sent', at: NOW + (i % 7) * 60_000, heldId: `h${i}` };
      else if (i % 4 === 1) l.states[row] = { status: 'failed', reason: 'rejected', message: 'refused' };
      else if (i % 4 === 2) l.states[row] = { status: 'cancelled' };
    });
    l.status = 'cancelled';
    const sliced = await historyEntryInSlices(definition(rows.length), l, NOW, (row) => row % 3);
    expect(sliced).toEqual(historyEntry(definition(rows.length), l, NOW, (row) => row % 3));
    expect(sliced.totals).toEqual({ total: 20_000, sent: 5_000, failed: 5_000, cancelled: 5_000, remaining: 5_000 });
  });
});

describe('searchHistory', () => {
  const entries = [
    { ...historyEntry(definition(), ledger(), NOW), id: 'a', subject: 'Spring offer', mailbox: 'sales@contoso.com' },
    { ...historyEntry(definition(), ledger(), NOW), id: 'b', subject: 'Réunion générale', mailbox: null },
  ];
  const date = (at: number) => new Date(at).toISOString().slice(0, 10);
  it('finds by subject words (accents and case ignored), mailbox and date; empty finds all', () => {
    expect(searchHistory(entries, 'reunion', date).map((e) => e.id)).toEqual(['b']);
    expect(searchHistory(entries, 'SALES offer', date).map((e) => e.id)).toEqual(['a']);
    expect(searchHistory(entries, '2026-03-12', date).map((e) => e.id)).toEqual(['a', 'b']);
    expect(searchHistory(entries, '  ', date)).toHaveLength(2);
    expect(searchHistory(entries, 'winter', date)).toEqual([]);
  });
});

describe('re-running failed rows', () => {
  it('re-runs only rows that certainly did not go out; a row not confirmed is never sent again', () => {
    expect(rerunRows(ledger())).toEqual({ rows: [3, 5], unsure: [4] });
  });

  it('makes a new campaign of the same list under a new id, to the re-run rows only', () => {
    const rerun = rerunDefinition(definition(4, { excludedRows: [4] }), [3, 5], 'c2');
    expect(rerun).toMatchObject({
      id: 'c2',
      subject: 'Spring offer {{Name}}',
      excludedRows: [],
      part: { of: 'rerun', outside: [2, 4] },
    });
    const plan = definitionPlan(rerun);
    expect(plan.messages.rows()).toEqual([3, 5]);
    // The other rows are in the report as not re-run, not as left out by the sender, and no finding to look at.
    expect([...plan.excluded.values()]).toEqual([
      { kind: 'outside_part', row: 2, of: 'rerun' },
      { kind: 'outside_part', row: 4, of: 'rerun' },
    ]);
    expect(plan.findings).toEqual([]);
  });
});

describe('MemoryCampaignHistory', () => {
  it('keeps the newest campaigns only, newest first, and copies what it keeps', async () => {
    const history = new MemoryCampaignHistory();
    for (let i = 0; i < KEPT_CAMPAIGNS + 2; i++) {
      const l = { ...ledger(), id: `c${i}`, createdAt: NOW + i };
      await history.put({
        entry: historyEntry({ ...definition(), id: `c${i}` }, l, NOW),
        definition: { ...definition(), id: `c${i}` },
        ledger: l,
      });
    }
    const list = await history.list();
    expect(list).toHaveLength(KEPT_CAMPAIGNS);
    expect(list[0]?.id).toBe(`c${KEPT_CAMPAIGNS + 1}`);
    expect(await history.get('c0')).toBeNull();
    const kept = await history.get('c5');
    kept!.ledger.status = 'cancelled';
    expect((await history.get('c5'))?.ledger.status).toBe('finished');
  });
});
