import { describe, expect, it } from 'vitest';
import type { CampaignLedger } from '../campaign/campaign.js';
import type { CampaignDefinition } from '../campaign/campaignRecords.js';
import { fromHistoryParts, historyHead, historyPart } from './historyParts.js';

function campaign(rowCount: number, ledgerRows: number[]): { definition: CampaignDefinition; ledger: CampaignLedger } {
  const rows = Array.from({ length: rowCount }, (_, i) => ({ Name: `P${i}`, Email: `p${i}@fabrikam.com` }));
  const definition = {
    id: 'c1',
    subject: 'Hi {{Name}}',
    bodyHtml: '<p>Hi</p>',
    columns: ['Name', 'Email'],
    rows,
    emailColumn: 'Email',
    ccColumn: null,
    bccColumn: null,
    attachmentColumn: null,
    attachments: [],
    excludedRows: [],
    footerHtml: null,
  } as unknown as CampaignDefinition;
  const states: CampaignLedger['states'] = {};
  ledgerRows.forEach((row, i) => {
    states[row] =
      i % 3 === 0
        ? { status: 'sent', at: 1000 + i }
        : i % 3 === 1
          ? { status: 'failed', reason: 'rejected', message: 'no' }
          : { status: 'pending' };
  });
  return {
    definition,
    ledger: { id: 'c1', createdAt: 1, mailbox: null, rows: ledgerRows, states, status: 'finished' } as CampaignLedger,
  };
}

describe('history parts', () => {
  it('splits a campaign into a head without rows and parts of at most the part size, and joins them back the same', () => {
    // 7 rows, rows 4 and 6 left out before sending (not in the ledger), parts of 3.
    const { definition, ledger } = campaign(7, [2, 3, 5, 7, 8]);
    const head = historyHead(definition, ledger, 3);
    expect(head.parts).toBe(3);
    expect(head.definition).not.toHaveProperty('rows');
    expect(head.ledger).not.toHaveProperty('states');
    const parts = [0, 1, 2].map((index) => historyPart(definition, ledger, index, 3));
    expect(parts.map((part) => part.rows.length)).toEqual([3, 3, 1]);
    expect(parts.map((part) => part.states.map(([row]) => row))).toEqual([[2, 3, 5], [7, 8], []]);
    expect(fromHistoryParts(head, parts)).toEqual({ definition, ledger });
  });

  it('counts the parts by the longer of the list and the ledger (a retry may add nothing, a ledger never outgrows the list)', () => {
    const { definition, ledger } = campaign(4, [2, 3, 4, 5]);
    expect(historyHead(definition, ledger, 2).parts).toBe(2);
    expect(historyHead(campaign(0, []).definition, campaign(0, []).ledger, 2).parts).toBe(0);
    const head = historyHead(definition, ledger, 2);
    expect(
      fromHistoryParts(
        head,
        [0, 1].map((index) => historyPart(definition, ledger, index, 2)),
      ),
    ).toEqual({ definition, ledger });
  });
});
