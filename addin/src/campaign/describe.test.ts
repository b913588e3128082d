import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/src/i18n/translate.js';
import { compileTemplate } from '../../../shared/src/merge/mergeTemplate.js';
import { describeProblem } from './describe.js';

const t = translator('en');

describe('describeProblem', () => {
  it('names the field with the words around it as the message shows them, and the column it probably means', () => {
    const result = compileTemplate({ subject: '', bodyHtml: '<html><head><style>p {margin:0}</style></head><body><p>Dear&nbsp;{{Frist Name}},</p><p>see you soon</p></body></html>' }, ['First Name']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => describeProblem(p, t))).toEqual(['The body uses {{Frist Name}} in “Dear {{Frist Name}}, see you soon”, but no column is called “Frist Name”. Rename the merge field or the column. Did you mean {{First Name}}?']);
  });

  it('says where a condition is left open, without a line or column of the HTML', () => {
    const result = compileTemplate({ subject: '{{#if Company}}Offer for {{Company}}', bodyHtml: '' }, ['Company']);
    expect(!result.ok && result.problems.map((p) => describeProblem(p, t))).toEqual(['The condition {{#if Company}} in the subject (“{{#if Company}}Offer for {{Company}}”) has no {{/if}}. Add {{/if}} where its text ends.']);
  });
});
