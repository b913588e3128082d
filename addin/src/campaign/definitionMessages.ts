/** Re-renders a stored campaign's messages (after the pane reopens) exactly as they were planned. */
import { compileTemplate } from '../../../shared/src/merge/mergeTemplate.js';
import type { OutgoingMessage } from './campaignRunner.js';
import type { CampaignDefinition } from './campaignStore.js';
import { planCampaign } from './planCampaign.js';

export function definitionMessages(definition: CampaignDefinition): Map<number, OutgoingMessage> {
  const compiled = compileTemplate({ subject: definition.subject, bodyHtml: definition.bodyHtml }, definition.columns);
  if (!compiled.ok) return new Map();
  const plan = planCampaign({
    template: compiled.template,
    rows: definition.rows,
    emailColumn: definition.emailColumn,
    ccColumn: definition.ccColumn,
    bccColumn: definition.bccColumn,
    attachmentColumn: definition.attachmentColumn ?? null,
    attachments: definition.attachments ?? [],
    footerHtml: definition.footerHtml,
  });
  return new Map(plan.messages.map((m) => [m.row, m]));
}
