/** Re-plans a stored campaign (after the pane reopens, or in another pane) exactly as it was planned. */
import { compileTemplate } from '../../../shared/src/merge/mergeTemplate.js';
import type { OutgoingMessage } from './campaignRunner.js';
import type { CampaignDefinition } from './campaignStore.js';
import { planCampaign, type CampaignPlan } from './planCampaign.js';

export function definitionPlan(definition: CampaignDefinition): CampaignPlan {
  const compiled = compileTemplate({ subject: definition.subject, bodyHtml: definition.bodyHtml }, definition.columns);
  if (!compiled.ok) return { messages: [], findings: [], excluded: new Map() };
  return planCampaign({
    template: compiled.template,
    rows: definition.rows,
    emailColumn: definition.emailColumn,
    ccColumn: definition.ccColumn,
    bccColumn: definition.bccColumn,
    attachmentColumn: definition.attachmentColumn ?? null,
    attachments: definition.attachments ?? [],
    excludedRows: new Set(definition.excludedRows ?? []),
    footerHtml: definition.footerHtml,
  });
}

export function definitionMessages(definition: CampaignDefinition): Map<number, OutgoingMessage> {
  return new Map(definitionPlan(definition).messages.map((m) => [m.row, m]));
}
