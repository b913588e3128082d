import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../../shared/src/merge/mergeTemplate.js';
import { planCampaign } from './planCampaign.js';

describe('planCampaign', () => {
  const compiled = compileTemplate({ subject: 'Hi {{Name}}', bodyHtml: '<p>{{Name}} at {{Company | home}}</p>' }, ['Name', 'Email', 'Company']);
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
    expect(plan.messages).toEqual([
      { row: 2, to: 'anna@contoso.com', cc: [], bcc: [], subject: 'Hi Anna', html: '<p>Anna at Contoso</p><div>FOOTER</div>' },
      { row: 5, to: 'carl@contoso.com', cc: [], bcc: [], subject: 'Hi', html: '<p> at home</p><div>FOOTER</div>' },
    ]);
    expect(plan.findings).toEqual([
      { kind: 'invalid_address', row: 3, address: 'not-an-address' },
      { kind: 'duplicate', row: 4, address: 'ANNA@Contoso.com', firstRow: 2 },
      { kind: 'empty_fields', row: 5, fields: ['Name'] },
      { kind: 'missing_address', row: 6 },
    ]);
    expect([...plan.excluded.keys()]).toEqual([3, 4, 6]);
  });

  it('strips line breaks from addresses so a cell cannot add recipients or headers', () => {
    const plan = planCampaign({ template: compiled.template, emailColumn: 'Email', footerHtml: null, rows: [{ Name: 'X', Email: 'x@contoso.com\r\nBcc: y@evil.com', Company: '' }] });
    expect(plan.messages).toEqual([]);
    expect(plan.findings[0]?.kind).toBe('invalid_address');
  });

  it('adds CC and BCC from their columns, several per cell, and refuses an invalid one or more than 500 recipients', () => {
    const rows = [
      { Name: 'A', Email: 'a@contoso.com', Company: '', Cc: 'boss@contoso.com; team@contoso.com', Bcc: 'archive@contoso.com' },
      { Name: 'B', Email: 'b@contoso.com', Company: '', Cc: 'not valid', Bcc: '' },
      { Name: 'C', Email: 'c@contoso.com', Company: '', Cc: Array.from({ length: 500 }, (_, i) => `p${i}@contoso.com`).join(','), Bcc: '' },
    ];
    const plan = planCampaign({ template: compiled.template, rows, emailColumn: 'Email', ccColumn: 'Cc', bccColumn: 'Bcc', footerHtml: null });
    expect(plan.messages.map((m) => [m.row, m.cc, m.bcc])).toEqual([[2, ['boss@contoso.com', 'team@contoso.com'], ['archive@contoso.com']]]);
    expect(plan.findings).toEqual([
      { kind: 'invalid_address', row: 3, address: 'not valid' },
      { kind: 'too_many_recipients', row: 4, count: 501 },
    ]);
  });
});
