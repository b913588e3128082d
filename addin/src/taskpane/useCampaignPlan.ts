/**
 * The campaign as planned for React: the template compiled against the list's columns, the
 * pre-flight and the messages (planCampaign.ts), the rows left out by hand, the previewed row, the
 * split over days when the 24-hour budget is short (dailySplit.ts), why sending is not possible
 * yet, and the start: the campaign's permissions asked for in one consent, the message read again,
 * the footer decided again, and the same plan made from the stored definition.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { campaignScopes } from '../../../shared/src/api/graphScopes.js';
import { compileTemplate } from '../../../shared/src/merge/mergeTemplate.js';
import { AuthFailure, type AuthPort } from '../auth/authPort.js';
import { mappingOf, templateFieldNames, toggledRow, withRowsIncluded } from '../campaign/campaignPlanInput.js';
import type { CampaignDefinition } from '../campaign/campaignStore.js';
import { budgetSplit, type RecipientBudgetLog } from '../campaign/dailySplit.js';
import { campaignDefinition, definitionPlan } from '../campaign/definitionMessages.js';
import { estimateCampaign } from '../campaign/estimate.js';
import { planCampaign, type CampaignPlan } from '../campaign/planCampaign.js';
import type { Draft } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { RecipientsState } from './recipientsState.js';

export interface CampaignStart {
  /** Signed in: the campaign's Graph permissions are asked for through it. */
  auth: Pick<AuthPort, 'graphToken'> | null;
  /** The mailbox the campaign sends from (null: the sender's own). */
  mailbox: string | null;
  /** The message as it is now. */
  latestDraft(): Promise<Draft | null>;
  /** The footer as the license decides it at start (the license server never blocks sending). */
  footerAtStart(): Promise<string | null>;
  onAuthFailure(failure: AuthFailure | null): void;
  launch(definition: CampaignDefinition, plan: CampaignPlan, latest: Draft): void;
}

export function useCampaignPlan(input: { draft: Draft | null; recipients: RecipientsState; footerHtml: string | null; budget: { log: RecipientBudgetLog }; ratePerMinute: number; signedIn: boolean; start: CampaignStart }) {
  const { draft, recipients, footerHtml, budget, ratePerMinute, signedIn, start } = input;
  const { t } = useI18n();
  const [excludedRows, setExcludedRows] = useState<ReadonlySet<number>>(new Set());
  const [previewIndex, setPreviewIndex] = useState(0);
  // Rows left out by hand and the previewed row belong to one recipient list.
  useEffect(() => {
    setExcludedRows(new Set());
    setPreviewIndex(0);
  }, [recipients.list]);
  const toggleRow = useCallback((row: number) => setExcludedRows((rows) => toggledRow(rows, row)), []);
  /** The grid's search: every row found taken in or left out at once. */
  const setRowsIncluded = useCallback((rows: readonly number[], included: boolean) => setExcludedRows((excluded) => withRowsIncluded(excluded, rows, included)), []);

  const { list, emailColumn, ccColumn, bccColumn, attachmentColumn } = recipients;
  const mapping = useMemo(() => mappingOf({ emailColumn, ccColumn, bccColumn, attachmentColumn }), [emailColumn, ccColumn, bccColumn, attachmentColumn]);
  const compiled = useMemo(() => (draft && list ? compileTemplate(draft, list.columns) : null), [draft, list]);
  const fieldNames = useMemo(() => (draft ? templateFieldNames(compiled ?? compileTemplate(draft, [])) : []), [draft, compiled]);
  const plan = useMemo(() => {
    if (!compiled?.ok || !list || !mapping) return null;
    return planCampaign({ template: compiled.template, rows: list.rows, ...mapping, attachments: draft?.attachments ?? [], excludedRows, footerHtml });
  }, [compiled, list, mapping, excludedRows, draft, footerHtml]);
  // The mailbox's rolling 24-hour budget, minus what Sent Items and this device show (M4): over it, the campaign goes out over days.
  const split = useMemo(() => (plan ? budgetSplit(plan.messages, budget.log, Date.now()) : null), [plan, budget]);
  // How long it takes and how many days, before it starts (M16).
  const estimate = useMemo(() => (plan ? estimateCampaign({ messages: plan.messages.length, ratePerMinute, split, now: split?.now ?? Date.now() }) : null), [plan, ratePerMinute, split]);

  const blockedReason = !signedIn ? t('send.signInFirst') : compiled && !compiled.ok ? t('send.fixProblems') : !plan || plan.messages.length === 0 ? t('send.nothingToSend') : null;

  const { auth, mailbox, latestDraft, footerAtStart, onAuthFailure, launch } = start;
  const startCampaign = useCallback(async () => {
    if (!list || !mapping || !auth) return;
    // The campaign's permissions are asked for now, in one consent, rather than row by row.
    onAuthFailure(null);
    try {
      await auth.graphToken(campaignScopes(mailbox));
    } catch (e) {
      onAuthFailure(e instanceof AuthFailure ? e : new AuthFailure('failed', [], e instanceof Error ? e.message : String(e)));
      return;
    }
    // Send what the message says now, not what it said when the pane last read it.
    const latest = await latestDraft();
    if (!latest || !compileTemplate(latest, list.columns).ok) return;
    const definition = campaignDefinition({ id: crypto.randomUUID(), draft: latest, list, mapping, excludedRows, footerHtml: await footerAtStart() });
    launch(definition, definitionPlan(definition), latest);
  }, [list, mapping, auth, mailbox, latestDraft, footerAtStart, onAuthFailure, launch, excludedRows]);

  const messages = plan?.messages ?? [];
  /** The message the preview shows (and a test send sends). */
  const previewed = messages[Math.min(previewIndex, messages.length - 1)] ?? null;

  return { compiled, fieldNames, plan, split, estimate, excludedRows, toggleRow, setRowsIncluded, previewIndex, setPreviewIndex, previewed, blockedReason, start: startCampaign };
}
