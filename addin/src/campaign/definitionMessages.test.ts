import { describe, expect, it } from 'vitest';
import { compileTemplate } from '#shared/merge/mergeTemplate.js';
import { campaignDefinition, definitionPlan, definitionPlanInSlices } from './definitionMessages.js';
import { planCampaign, type CampaignPlan } from './planCampaign.js';

/** What a plan sends and says: every message rendered, the findings, the rows left out. */
const sent = (plan: CampaignPlan) => ({
  messages: plan.messages.checked.map((checked) => plan.messages.render(checked)),
  findings: plan.findings,
  excluded: plan.excluded,
  pictures: plan.messages.pictures,
});

describe('a campaign definition', () => {
  const draft = {
    subject: 'Hi {{Name}}',
    bodyHtml: '<p>{{Name}}</p><img src="cid:logo">',
    attachments: [
      {
        id: 'a1',
        name: 'price list.pdf',
        size: 1200,
        contentType: 'application/pdf',
        isInline: false,
        contentId: null,
      },
      { id: 'a2', name: 'logo.png', size: 300, contentType: 'image/png', isInline: true, contentId: 'logo' },
    ],
  };
  const list = {
    columns: ['Name', 'Email', 'Cc'],
    rows: [
      { Name: 'Anna', Email: 'anna@contoso.com', Cc: 'boss@contoso.com' },
      { Name: 'Bob', Email: 'bob@contoso.com', Cc: '' },
      { Name: 'Carl', Email: 'carl@contoso.com', Cc: '' },
    ],
  };
  const mapping = { emailColumn: 'Email', ccColumn: 'Cc', bccColumn: null, attachmentColumn: null };
  const definition = campaignDefinition({
    id: 'c1',
    draft,
    list,
    mapping,
    excludedRows: new Set([3]),
    footerHtml: '<div>FOOTER</div>',
  });

  it('keeps what sending needs: the message now, the list, the mapping, the rows left out, the footer, each attachment without its content type', () => {
    expect(definition).toEqual({
      id: 'c1',
      subject: draft.subject,
      bodyHtml: draft.bodyHtml,
      columns: list.columns,
      rows: list.rows,
      ...mapping,
      attachments: [
        { id: 'a1', name: 'price list.pdf', size: 1200, isInline: false, contentId: null },
        { id: 'a2', name: 'logo.png', size: 300, isInline: true, contentId: 'logo' },
      ],
      excludedRows: [3],
      footerHtml: '<div>FOOTER</div>',
    });
  });

  it('is re-planned exactly as the preview planned it, at once or in slices', async () => {
    const compiled = compileTemplate(draft, list.columns);
    if (!compiled.ok) throw new Error('template');
    const preview = planCampaign({
      template: compiled.template,
      bodyHtml: draft.bodyHtml,
      rows: list.rows,
      ...mapping,
      attachments: draft.attachments,
      excludedRows: new Set([3]),
      footerHtml: '<div>FOOTER</div>',
    });
    expect(sent(definitionPlan(definition))).toEqual(sent(preview));
    expect(sent(await definitionPlanInSlices(definition))).toEqual(sent(preview));
    // Row numbers are the spreadsheet's: row 3 (Bob) was left out by hand.
    const messages = definitionPlan(definition).messages;
    expect(messages.rows()).toEqual([2, 4]);
    expect(messages.get(2)).toMatchObject({
      cc: ['boss@contoso.com'],
      attachments: ['price list.pdf'],
      inline: ['logo'],
    });
    expect(messages.get(3)).toBeUndefined();
  });
});
