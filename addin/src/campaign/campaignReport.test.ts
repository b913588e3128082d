import { describe, expect, it } from 'vitest';
import { CampaignReport } from './campaignReport.js';
import type { CampaignDefinition } from './campaignRecords.js';
import { definitionPlan } from './definitionMessages.js';

describe('campaignReport', () => {
  it('lists every row of the list: sent, failed, cancelled and every row left out before sending, with its reason', () => {
    const definition: CampaignDefinition = {
      id: 'c',
      subject: 'Hi {{Name}}',
      bodyHtml: '<p>Hi</p>',
      columns: ['Name', 'Email', 'Files'],
      rows: [
        { Name: 'Ann', Email: 'ann@contoso.com', Files: '' },
        { Name: 'Bad', Email: 'not-an-address', Files: '' },
        { Name: 'Ann again', Email: 'ANN@contoso.com', Files: '' },
        { Name: 'Ben', Email: 'ben@contoso.com', Files: 'missing.pdf' },
        { Name: 'Cat', Email: 'cat@contoso.com', Files: '' },
        { Name: 'Dan', Email: 'dan@contoso.com', Files: '' },
        { Name: 'Eve', Email: 'eve@contoso.com', Files: '' },
        { Name: 'Nobody', Email: '', Files: '' },
      ],
      emailColumn: 'Email',
      ccColumn: null,
      bccColumn: null,
      attachmentColumn: 'Files',
      attachments: [],
      excludedRows: [8],
      footerHtml: null,
    };
    const plan = definitionPlan(definition);
    const ledger = {
      rows: plan.messages.rows(),
      states: {
        2: { status: 'sent', at: 1 },
        6: { status: 'failed', reason: 'rejected', message: 'Recipient rejected.' },
        7: { status: 'cancelled' },
      } as const,
    };
    const report = new CampaignReport({
      rows: definition.rows,
      emailColumn: 'Email',
      ledger,
      messages: plan.messages,
      excluded: plan.excluded,
    });
    const lines = report.lines(0, 100);
    expect(lines.map((l) => [l.row, l.to, l.status, l.failure?.reason ?? l.skipped?.kind ?? null])).toEqual([
      [2, 'ann@contoso.com', 'sent', null],
      [3, 'not-an-address', 'skipped', 'invalid_address'],
      [4, 'ANN@contoso.com', 'skipped', 'duplicate'],
      [5, 'ben@contoso.com', 'skipped', 'missing_attachment'],
      [6, 'cat@contoso.com', 'failed', 'rejected'],
      [7, 'dan@contoso.com', 'cancelled', null],
      [8, 'eve@contoso.com', 'skipped', 'excluded_by_sender'],
      [9, '', 'skipped', 'missing_address'],
    ]);
    // The subject is rendered only when asked for (the export).
    expect(lines[0]?.subject).toBe('');
    expect(report.line(0, { subject: true }).subject).toBe('Hi Ann');
    expect(report.lines(6, 50).map((l) => l.row)).toEqual([8, 9]);
    expect(report.counts()).toEqual({ total: 8, sent: 1, failed: 1, cancelled: 1, pending: 0, skipped: 5 });
  });
});
