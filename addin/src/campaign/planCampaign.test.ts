import { describe, expect, it } from 'vitest';
import { compileTemplate } from '#shared/merge/mergeTemplate.js';
import { planCampaign, planCampaignInSlices, type CampaignPlan } from './planCampaign.js';

/** Every message of a plan, rendered (the pane renders one at a time). */
const rendered = (plan: CampaignPlan) => plan.messages.checked.map((checked) => plan.messages.render(checked));

describe('planCampaign', () => {
  const compiled = compileTemplate({ subject: 'Hi {{Name}}', bodyHtml: '<p>{{Name}} at {{Company | home}}</p>' }, [
    'Name',
    'Email',
    'Company',
  ]);
  if (!compiled.ok) throw new Error('template');

  it('renders one message per valid, distinct address and names each excluded row', () => {
    const plan = planCampaign({
      template: compiled.template,
      emailColumn: 'Email',
      footerHtml: '<div>FOOTER</div>',
      rows: [
        { Name: 'Anna', Email: 'anna@contoso.com', Company: 'Contoso' },
        { Name: 'Bob', Email: 'not-an-address', Company: '' },
        { Name: 'Anna again', Email: 'ANNA@Contoso.com ', Company: '' },
        { Name: '', Email: 'carl@contoso.com', Company: '' },
        { Name: 'Dee', Email: '', Company: '' },
      ],
    });
    expect(rendered(plan)).toEqual([
      {
        row: 2,
        to: 'anna@contoso.com',
        cc: [],
        bcc: [],
        attachments: [],
        subject: 'Hi Anna',
        html: '<p>Anna at Contoso</p><div>FOOTER</div>',
      },
      {
        row: 5,
        to: 'carl@contoso.com',
        cc: [],
        bcc: [],
        attachments: [],
        subject: 'Hi',
        html: '<p> at home</p><div>FOOTER</div>',
      },
    ]);
    expect(plan.findings).toEqual([
      { kind: 'invalid_address', row: 3, address: 'not-an-address' },
      { kind: 'duplicate', row: 4, address: 'ANNA@Contoso.com', firstRow: 2 },
      { kind: 'empty_fields', row: 5, fields: ['Name'] },
      { kind: 'missing_address', row: 6 },
    ]);
    expect([...plan.excluded.keys()]).toEqual([3, 4, 6]);
  });

  it('leaves out the rows the sender excluded, and names them', () => {
    const rows = [
      { Name: 'Anna', Email: 'anna@contoso.com', Company: 'Contoso' },
      { Name: '', Email: 'carl@contoso.com', Company: '' },
      { Name: 'Anna again', Email: 'anna@contoso.com', Company: 'Contoso' },
    ];
    const plan = planCampaign({
      template: compiled.template,
      emailColumn: 'Email',
      footerHtml: null,
      rows,
      excludedRows: new Set([2, 3]),
    });
    // With row 2 out, row 4 is no longer a duplicate.
    expect(rendered(plan).map((m) => [m.row, m.subject])).toEqual([[4, 'Hi Anna again']]);
    expect(plan.findings).toEqual([
      { kind: 'excluded_by_sender', row: 2 },
      { kind: 'excluded_by_sender', row: 3 },
    ]);
  });

  it('leaves out the rows outside a follow-up as such: no findings, a reason for the report', () => {
    const rows = [
      { Name: 'Anna', Email: 'anna@contoso.com', Company: 'Contoso' },
      { Name: 'Bert', Email: 'not an address', Company: 'Contoso' },
      { Name: 'Carl', Email: 'carl@contoso.com', Company: 'Contoso' },
    ];
    const plan = planCampaign({
      template: compiled.template,
      emailColumn: 'Email',
      footerHtml: null,
      rows,
      // Row 3 (Bert's invalid address) is outside the follow-up: not a finding either.
      part: { of: 'follow_up', outside: new Set([2, 3]) },
      excludedRows: new Set([2, 4]),
    });
    expect(plan.messages.rows()).toEqual([]);
    expect(plan.findings).toEqual([{ kind: 'excluded_by_sender', row: 4 }]);
    expect(plan.excluded.get(2)).toEqual({ kind: 'outside_part', row: 2, of: 'follow_up' });
    expect(plan.excluded.get(3)).toEqual({ kind: 'outside_part', row: 3, of: 'follow_up' });
    expect(plan.excluded.get(4)).toEqual({ kind: 'excluded_by_sender', row: 4 });
  });

  it('strips line breaks from addresses so a cell cannot add recipients or headers', () => {
    const plan = planCampaign({
      template: compiled.template,
      emailColumn: 'Email',
      footerHtml: null,
      rows: [{ Name: 'X', Email: 'x@contoso.com\r\nBcc: y@evil.com', Company: '' }],
    });
    expect(rendered(plan)).toEqual([]);
    expect(plan.findings[0]?.kind).toBe('invalid_address');
  });

  it('adds CC and BCC from their columns, several per cell, and refuses an invalid one or more than 500 recipients', () => {
    const rows = [
      {
        Name: 'A',
        Email: 'a@contoso.com',
        Company: '',
        Cc: 'boss@contoso.com; team@contoso.com',
        Bcc: 'archive@contoso.com',
      },
      { Name: 'B', Email: 'b@contoso.com', Company: '', Cc: 'not valid', Bcc: '' },
      {
        Name: 'C',
        Email: 'c@contoso.com',
        Company: '',
        Cc: Array.from({ length: 500 }, (_, i) => `p${i}@contoso.com`).join(','),
        Bcc: '',
      },
    ];
    const plan = planCampaign({
      template: compiled.template,
      rows,
      emailColumn: 'Email',
      ccColumn: 'Cc',
      bccColumn: 'Bcc',
      footerHtml: null,
    });
    expect(rendered(plan).map((m) => [m.row, m.cc, m.bcc])).toEqual([
      [2, ['boss@contoso.com', 'team@contoso.com'], ['archive@contoso.com']],
    ]);
    expect(plan.findings).toEqual([
      { kind: 'invalid_address', row: 3, address: 'not valid' },
      { kind: 'too_many_recipients', row: 4, count: 501 },
    ]);
  });

  it('gives each row the files its cell names, everyone the files no row names, and flags missing or too large files', () => {
    const rows = [
      { Name: 'A', Email: 'a@contoso.com', Company: '', Files: 'Offer-A.pdf' },
      { Name: 'B', Email: 'b@contoso.com', Company: '', Files: 'offer-b.PDF; offer-a.pdf' },
      { Name: 'C', Email: 'c@contoso.com', Company: '', Files: 'missing.pdf' },
      { Name: 'D', Email: 'd@contoso.com', Company: '', Files: 'huge.zip' },
      { Name: 'E', Email: 'e@contoso.com', Company: '', Files: '' },
      { Name: 'F', Email: 'f@contoso.com', Company: '', Files: 'video.mp4' },
    ];
    const attachments = [
      { name: 'offer-a.pdf', size: 1000 },
      { name: 'Offer-B.pdf', size: 1000 },
      { name: 'terms.pdf', size: 500 },
      // Large files go by upload session; a message over 35 MB once encoded is refused by Exchange.
      { name: 'video.mp4', size: 20 * 1024 * 1024 },
      { name: 'huge.zip', size: 27 * 1024 * 1024 },
    ];
    const plan = planCampaign({
      template: compiled.template,
      rows,
      emailColumn: 'Email',
      attachmentColumn: 'Files',
      attachments,
      footerHtml: null,
    });
    expect(rendered(plan).map((m) => [m.row, m.attachments])).toEqual([
      [2, ['terms.pdf', 'offer-a.pdf']],
      [3, ['terms.pdf', 'Offer-B.pdf', 'offer-a.pdf']],
      [6, ['terms.pdf']],
      [7, ['terms.pdf', 'video.mp4']],
    ]);
    expect(plan.findings).toEqual([
      { kind: 'missing_attachment', row: 4, name: 'missing.pdf' },
      { kind: 'attachment_too_large', row: 5, name: 'huge.zip' },
    ]);
  });
});

describe('planCampaignInSlices', () => {
  const compiled = compileTemplate({ subject: 'Hi {{Name}}', bodyHtml: '<p>{{Name}}</p>' }, ['Name', 'Email']);
  if (!compiled.ok) throw new Error('template');
  const rows = Array.from({ length: 20_000 }, (_, i) => ({
    Name: i % 7 === 0 ? '' : `P${i}`,
    Email: i % 11 === 0 ? 'not-an-address' : `p${i % 15_000}@contoso.com`,
  }));
  const input = { template: compiled.template, emailColumn: 'Email', footerHtml: null, rows };

  it('makes the same plan as planCampaign, giving the UI thread back between slices', async () => {
    const progress: number[] = [];
    let tasks = 0;
    const counting = setInterval(() => tasks++, 0);
    const sliced = await planCampaignInSlices(input, { onProgress: (done) => progress.push(done) });
    clearInterval(counting);
    const whole = planCampaign(input);
    expect(sliced.findings).toEqual(whole.findings);
    expect(sliced.excluded).toEqual(whole.excluded);
    expect(sliced.messages.rows()).toEqual(whole.messages.rows());
    expect(rendered(sliced).slice(0, 50)).toEqual(rendered(whole).slice(0, 50));
    // Several slices, in order, to the last row; other tasks ran between them.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(rows.length);
    expect(tasks).toBeGreaterThan(0);
  });

  it('stops between slices when its signal aborts', async () => {
    const abort = new AbortController();
    const planning = planCampaignInSlices(input, { signal: abort.signal, onProgress: () => abort.abort() });
    await expect(planning).rejects.toThrow();
  });
});
