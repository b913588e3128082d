import { describe, expect, it } from 'vitest';
import { rowsOutsideFollowUp } from './followUp.js';
import { entrySubject, newEntries, parseEntry, suppressionMap } from './suppressionList.js';
import { planCampaign } from '../campaign/planCampaign.js';
import { compileTemplate } from '#shared/merge/mergeTemplate.js';

describe('the suppression list', () => {
  it('reads its entries back from item subjects, in canonical form, and ignores anything else', () => {
    expect(parseEntry(entrySubject({ address: 'carol@fabrikam.com', reason: 'unsubscribed' }))).toEqual({
      address: 'carol@fabrikam.com',
      reason: 'unsubscribed',
    });
    expect(parseEntry('bounced Bob@Fabrikam.COM')).toEqual({ address: 'bob@fabrikam.com', reason: 'bounced' });
    expect(parseEntry('hello world')).toBeNull();
    expect(parseEntry('bounced not-an-address')).toBeNull();
  });

  it('lets an unsubscribe outweigh a bounce, and adds only what is new', () => {
    const list = suppressionMap([
      { address: 'a@x.com', reason: 'unsubscribed' },
      { address: 'a@x.com', reason: 'bounced' },
      { address: 'b@x.com', reason: 'bounced' },
    ]);
    expect([...list]).toEqual([
      ['a@x.com', 'unsubscribed'],
      ['b@x.com', 'bounced'],
    ]);
    expect(
      newEntries(list, [
        { address: 'b@x.com', reason: 'unsubscribed' },
        { address: 'c@x.com', reason: 'bounced' },
        { address: 'c@x.com', reason: 'bounced' },
      ]),
    ).toEqual([{ address: 'c@x.com', reason: 'bounced' }]);
  });
});

describe('pre-flight with the suppression list and a follow-up', () => {
  const rows = [{ Email: 'Carol@Fabrikam.com' }, { Email: 'dave@fabrikam.com' }, { Email: 'erin@fabrikam.com' }];
  const compiled = compileTemplate({ subject: 'Hi', bodyHtml: '<p>Hi</p>' }, ['Email']);
  if (!compiled.ok) throw new Error('template');

  it('leaves suppressed addresses out with their reason, and puts the unsubscribe line above the footer', () => {
    const plan = planCampaign({
      template: compiled.template,
      rows,
      emailColumn: 'Email',
      footerHtml: '<p>footer</p>',
      unsubscribeHtml: '<p>unsubscribe</p>',
      suppressed: new Map([['carol@fabrikam.com', 'unsubscribed' as const]]),
    });
    expect([...plan.excluded.values()]).toEqual([
      { kind: 'suppressed', row: 2, address: 'Carol@Fabrikam.com', reason: 'unsubscribed' },
    ]);
    expect(plan.messages.rows()).toEqual([3, 4]);
    expect(plan.messages.get(3)?.html).toMatch(/<p>unsubscribe<\/p><p>footer<\/p>/);
  });

  it('leaves out every row a follow-up does not go to', () => {
    expect([...rowsOutsideFollowUp(rows, 'Email', new Set(['carol@fabrikam.com']))]).toEqual([3, 4]);
  });
});
