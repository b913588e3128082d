import { describe, expect, it } from 'vitest';
import { fr } from '#shared/i18n/fr.js';
import { registerCatalog, translator } from '#shared/i18n/translate.js';
import { compileTemplate } from '#shared/merge/mergeTemplate.js';
import { describeListProblem, describeProblem } from './describe.js';

const t = translator('en');

describe('describeProblem', () => {
  it('names the field with the words around it as the message shows them, and the column it probably means', () => {
    const result = compileTemplate(
      {
        subject: '',
        bodyHtml:
          '<html><head><style>p {margin:0}</style></head><body><p>Dear&nbsp;{{Frist Name}},</p><p>see you soon</p></body></html>',
      },
      ['First Name'],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => describeProblem(p, t))).toEqual([
      'The body uses {{Frist Name}} in “Dear {{Frist Name}}, see you soon”, but no column is called “Frist Name”. Rename the merge field or the column. Did you mean {{First Name}}?',
    ]);
  });

  it('says where a condition is left open, without a line or column of the HTML', () => {
    const result = compileTemplate({ subject: '{{#if Company}}Offer for {{Company}}', bodyHtml: '' }, ['Company']);
    expect(!result.ok && result.problems.map((p) => describeProblem(p, t))).toEqual([
      'The condition {{#if Company}} in the subject (“{{#if Company}}Offer for {{Company}}”) has no {{/if}}. Add {{/if}} where its text ends.',
    ]);
  });
});

describe('describeListProblem', () => {
  it('says how many values of the address column are not addresses, with one of them', () => {
    expect(
      describeListProblem(
        {
          code: 'MOSTLY_INVALID_ADDRESSES',
          fileName: 'people.csv',
          column: 'Email',
          invalid: 180,
          total: 200,
          example: 'p20 at contoso.com',
        },
        t,
      ),
    ).toBe(
      'The column “Email” of people.csv should hold the recipients’ addresses, but 180 of 200 values are not email addresses (for example “p20 at contoso.com”). Correct the addresses, save the file and choose it again.',
    );
    registerCatalog('fr', fr);
    expect(
      describeListProblem(
        { code: 'MOSTLY_INVALID_ADDRESSES', fileName: 'a.csv', column: 'Mail', invalid: 1, total: 1, example: 'x@' },
        translator('fr'),
      ),
    ).toContain('1 valeur sur 1 n’est pas une adresse e-mail');
  });
});
