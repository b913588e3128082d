import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { translate, type Locale, type MessageKey } from '#shared/i18n/translate.js';
import '#shared/i18n/allCatalogs.js';
import { testSendOutcome } from './describe.js';
import { findingsCsv, reportCsv } from './reportCsv.js';

const translator = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);

describe("the pane's CSV exports", () => {
  it("gives every report line its status and reason, headers in the reader's language, formulas neutralised", () => {
    const t = translator('fr');
    const csv = reportCsv(
      [
        {
          row: 2,
          to: 'ann@contoso.com',
          cc: ['boss@contoso.com'],
          bcc: [],
          subject: '=HYPERLINK("x")',
          status: 'sent',
        },
        {
          row: 3,
          to: 'ben@contoso.com',
          cc: [],
          bcc: [],
          subject: 'Hi',
          status: 'failed',
          failure: { reason: 'rejected', message: 'Mailbox full' },
        },
        {
          row: 4,
          to: '',
          cc: [],
          bcc: [],
          subject: '',
          status: 'skipped',
          skipped: { kind: 'missing_address', row: 4 },
        },
        {
          row: 5,
          to: 'cem@contoso.com',
          cc: [],
          bcc: [],
          subject: 'Hi',
          status: 'sent',
          heldUntil: Date.UTC(2026, 11, 1, 8, 30),
        },
      ],
      t,
    );
    const [header, ...rows] = Papa.parse<string[]>(csv.replace(/^\ufeff/, '').trim()).data;
    expect(header).toEqual([
      t('report.csv.row'),
      t('report.csv.to'),
      t('report.csv.cc'),
      t('report.csv.bcc'),
      t('report.csv.subject'),
      t('report.csv.status'),
      t('report.csv.detail'),
    ]);
    expect(rows[0]).toEqual(['2', 'ann@contoso.com', 'boss@contoso.com', '', `'=HYPERLINK("x")`, t('report.sent'), '']);
    expect(rows[1]?.slice(5)).toEqual([
      t('common.labelled', { label: t('report.failed'), value: t('report.reason.rejected') }),
      'Mailbox full',
    ]);
    expect(rows[2]?.[5]).toBe(
      t('common.labelled', { label: t('report.skipped'), value: t('report.skip.missing_address') }),
    );
    // A row Exchange keeps for later is not reported as sent: its time is written (ISO 8601 by default).
    expect(rows[3]?.[5]).toBe(t('report.scheduled', { time: '2026-12-01T08:30:00Z' }));
  });

  it('lists each pre-flight finding with its row', () => {
    const t = translator('en');
    const csv = findingsCsv([{ kind: 'duplicate', row: 5, address: 'ann@contoso.com', firstRow: 2 }], t);
    expect(Papa.parse<string[]>(csv.replace(/^\ufeff/, '').trim()).data).toEqual([
      [t('report.csv.row'), t('problems.csvFinding')],
      ['5', t('problems.duplicate', { row: 5, address: 'ann@contoso.com', first: 2 })],
    ]);
  });
});

describe("the test send's outcome", () => {
  const t = translator('en');
  it("says where it went, or why it did not go, in Microsoft 365's words when it gave some", () => {
    expect(testSendOutcome({ status: 'sent', at: 1 }, 'ann@contoso.com', t)).toEqual({
      ok: true,
      text: t('preview.testSent', { address: 'ann@contoso.com' }),
    });
    expect(testSendOutcome({ status: 'failed', reason: 'send_as_denied', message: 'x' }, 'a@b.c', t)).toEqual({
      ok: false,
      text: t('preview.testNotSent', { message: t('send.sendAsDenied') }),
    });
    expect(
      testSendOutcome({ status: 'failed', reason: 'rejected', message: 'Recipient unknown' }, 'a@b.c', t).text,
    ).toBe(t('preview.testNotSent', { message: 'Recipient unknown' }));
    expect(testSendOutcome({ status: 'pending' }, 'a@b.c', t).text).toBe(
      t('preview.testNotSent', { message: t('report.reason.budget') }),
    );
  });
});
