/**
 * A campaign's definition and its messages: made once at start from the message as it is then,
 * and re-planned from the stored definition (after the pane reopens, or in another pane) exactly
 * as it was planned.
 */
import { compileTemplate, type MergeRow } from '#shared/merge/mergeTemplate.js';
import type { DraftAttachment } from '../host/mailHost.js';
import type { CampaignDefinition, CampaignPart } from './campaignRecords.js';
import {
  PlannedMessages,
  planCampaign,
  planCampaignInSlices,
  type CampaignPlan,
  type PlanInput,
} from './planCampaign.js';
import type { SliceOptions } from './slices.js';
import type { SuppressionReason } from '../inbox/suppressionList.js';

export type CampaignMapping = Pick<CampaignDefinition, 'emailColumn' | 'ccColumn' | 'bccColumn' | 'attachmentColumn'>;

/** What a campaign is made of when it starts: the message now, the list with its mapping, the rows left out by hand, the footer decision. */
export function campaignDefinition(input: {
  id: string;
  draft: { subject: string; bodyHtml: string; attachments: readonly DraftAttachment[] };
  list: { columns: string[]; rows: MergeRow[] };
  mapping: CampaignMapping;
  excludedRows: ReadonlySet<number>;
  /** A follow-up: the rows outside it. */
  part?: { of: CampaignPart; outside: ReadonlySet<number> } | null;
  footerHtml: string | null;
  suppressed?: ReadonlyMap<string, SuppressionReason>;
  unsubscribeHtml?: string | null;
}): CampaignDefinition {
  const { draft, list, mapping } = input;
  // Only what sending needs of each attachment: its bytes are read from the draft when it goes.
  const attachments = draft.attachments.map(({ id, name, size, isInline, contentId }) => ({
    id,
    name,
    size,
    isInline,
    contentId,
  }));
  const extras = {
    ...(input.suppressed && input.suppressed.size > 0 ? { suppressed: [...input.suppressed] } : {}),
    ...(input.unsubscribeHtml ? { unsubscribeHtml: input.unsubscribeHtml } : {}),
    ...(input.part ? { part: { of: input.part.of, outside: [...input.part.outside] } } : {}),
  };
  return {
    id: input.id,
    subject: draft.subject,
    bodyHtml: draft.bodyHtml,
    columns: list.columns,
    rows: list.rows,
    footerHtml: input.footerHtml,
    attachments,
    excludedRows: [...input.excludedRows],
    ...mapping,
    ...extras,
  };
}

function planInput(definition: CampaignDefinition): PlanInput | null {
  const compiled = compileTemplate({ subject: definition.subject, bodyHtml: definition.bodyHtml }, definition.columns);
  if (!compiled.ok) return null;
  return {
    template: compiled.template,
    bodyHtml: definition.bodyHtml,
    rows: definition.rows,
    emailColumn: definition.emailColumn,
    ccColumn: definition.ccColumn,
    bccColumn: definition.bccColumn,
    attachmentColumn: definition.attachmentColumn ?? null,
    attachments: definition.attachments ?? [],
    excludedRows: new Set(definition.excludedRows ?? []),
    part: definition.part ? { of: definition.part.of, outside: new Set(definition.part.outside) } : null,
    footerHtml: definition.footerHtml,
    suppressed: new Map(definition.suppressed ?? []),
    unsubscribeHtml: definition.unsubscribeHtml ?? null,
  };
}

const NOTHING = (): CampaignPlan => ({ messages: PlannedMessages.none(), findings: [], excluded: new Map() });

export function definitionPlan(definition: CampaignDefinition): CampaignPlan {
  const input = planInput(definition);
  return input ? planCampaign(input) : NOTHING();
}

/** The same plan, checked in slices that give the UI thread back (a 100,000-row campaign reopened). */
export async function definitionPlanInSlices(
  definition: CampaignDefinition,
  options: SliceOptions = {},
): Promise<CampaignPlan> {
  const input = planInput(definition);
  return input ? planCampaignInSlices(input, options) : NOTHING();
}
