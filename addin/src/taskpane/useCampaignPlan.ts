/**
 * The campaign as planned for React: the template compiled against the list's columns, the
 * pre-flight of every row (planCampaign.ts, in slices that give the UI thread back: a 100,000-row
 * list is checked in a few hundred milliseconds without freezing the pane), the rows left out by
 * hand, the previewed row (the only message rendered here), the split over days when the 24-hour
 * budget is short (dailySplit.ts), why sending is not possible yet, and the start: the campaign's
 * permissions asked for in one consent, the message read again, the footer decided again, and the
 * same plan made from the stored definition.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { campaignScopes } from '#shared/api/graphScopes.js';
import { compileTemplate } from '#shared/merge/mergeTemplate.js';
import { AuthFailure, type AuthPort } from '../auth/authPort.js';
import { mappingOf, templateFieldNames, toggledRow, withRowsIncluded } from '../campaign/campaignPlanInput.js';
import type { CampaignDefinition } from '../campaign/campaignRecords.js';
import { budgetSplit, type RecipientBudgetLog } from '../campaign/dailySplit.js';
import { campaignDefinition, definitionPlanInSlices } from '../campaign/definitionMessages.js';
import { estimateCampaign } from '../campaign/estimate.js';
import { planCampaignInSlices, type CampaignPlan } from '../campaign/planCampaign.js';
import type { Draft } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { RecipientsState } from './recipientsState.js';
import { rowsOutsideFollowUp } from '../inbox/followUp.js';
import type { SuppressionReason } from '../inbox/suppressionList.js';

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
  /** Hands the campaign to the session; settles once it let go of it (or refused it). */
  launch(definition: CampaignDefinition, plan: CampaignPlan, latest: Draft): Promise<void>;
}

/** How far the check of the list has come. */
export interface Checking {
  done: number;
  total: number;
}

/** Progress is shown in steps of a twentieth: a re-render per slice would cost more than the slice. */
const PROGRESS_STEPS = 20;

export function useCampaignPlan(input: {
  draft: Draft | null;
  recipients: RecipientsState;
  footerHtml: string | null;
  budget: { log: RecipientBudgetLog; idle: boolean };
  ratePerMinute: number;
  signedIn: boolean;
  start: CampaignStart;
  /** The mailbox's suppression list (inbox/), null while off or unread. */
  suppressed?: ReadonlyMap<string, SuppressionReason> | null;
  /** The unsubscribe line under each message, null without one. */
  unsubscribeHtml?: string | null;
  /** A follow-up's addresses: every other row is left out. */
  followUp?: ReadonlySet<string> | null;
}) {
  const { draft, recipients, footerHtml, budget, ratePerMinute, signedIn, start } = input;
  const suppressed = input.suppressed ?? null;
  const unsubscribeHtml = input.unsubscribeHtml ?? null;
  const followUp = input.followUp ?? null;
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
  const setRowsIncluded = useCallback(
    (rows: readonly number[], included: boolean) =>
      setExcludedRows((excluded) => withRowsIncluded(excluded, rows, included)),
    [],
  );
  // A follow-up goes to part of the list: the rows it does not go to (not left out by hand, nor findings to look at).
  const outsideFollowUp = useMemo(
    () =>
      followUp && recipients.list && recipients.emailColumn
        ? rowsOutsideFollowUp(recipients.list.rows, recipients.emailColumn, followUp)
        : null,
    [followUp, recipients.list, recipients.emailColumn],
  );
  const part = useMemo(
    () => (outsideFollowUp ? { of: 'follow_up' as const, outside: outsideFollowUp } : null),
    [outsideFollowUp],
  );

  const { list, emailColumn, ccColumn, bccColumn, attachmentColumn } = recipients;
  const mapping = useMemo(
    () => mappingOf({ emailColumn, ccColumn, bccColumn, attachmentColumn }),
    [emailColumn, ccColumn, bccColumn, attachmentColumn],
  );
  const compiled = useMemo(() => (draft && list ? compileTemplate(draft, list.columns) : null), [draft, list]);
  const fieldNames = useMemo(
    () => (draft ? templateFieldNames(compiled ?? compileTemplate(draft, [])) : []),
    [draft, compiled],
  );

  // Every row checked, in slices; the plan last made stays shown (sending blocked) until the new one is ready.
  const [plan, setPlan] = useState<CampaignPlan | null>(null);
  const [checking, setChecking] = useState<Checking | null>(null);
  useEffect(() => {
    if (!compiled?.ok || !list || !mapping || !draft) {
      setPlan(null);
      setChecking(null);
      return;
    }
    const abort = new AbortController();
    const total = list.rows.length;
    let shown = -1;
    const onProgress = (done: number) => {
      const step = Math.floor((done / Math.max(1, total)) * PROGRESS_STEPS);
      if (step === shown) return;
      shown = step;
      setChecking({ done, total });
    };
    onProgress(0);
    planCampaignInSlices(
      {
        template: compiled.template,
        bodyHtml: draft.bodyHtml,
        rows: list.rows,
        ...mapping,
        attachments: draft.attachments,
        excludedRows,
        part,
        footerHtml,
        suppressed: suppressed ?? undefined,
        unsubscribeHtml,
      },
      { signal: abort.signal, onProgress },
    ).then(
      (made) => {
        if (abort.signal.aborted) return;
        setPlan(made);
        setChecking(null);
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [compiled, list, mapping, excludedRows, part, draft, footerHtml, suppressed, unsubscribeHtml]);
  // The list went: so did its plan.
  const shownPlan = list ? plan : null;

  // The mailbox's rolling 24-hour budget, minus what Sent Items and this device show (M4): over it, the campaign goes out over days.
  // Only while no campaign is under way: it is what the sender is told before sending.
  const split = useMemo(
    () => (shownPlan && budget.idle ? budgetSplit(shownPlan.messages.checked, budget.log, Date.now()) : null),
    [shownPlan, budget],
  );
  // How long it takes and how many days, before it starts (M16).
  const estimate = useMemo(
    () =>
      shownPlan
        ? estimateCampaign({ messages: shownPlan.messages.length, ratePerMinute, split, now: split?.now ?? Date.now() })
        : null,
    [shownPlan, ratePerMinute, split],
  );

  const [starting, setStarting] = useState(false);
  /** Why the last start did not start (the campaign could not be kept in the browser). */
  const [startError, setStartError] = useState<string | null>(null);
  const blockedReason = !signedIn
    ? t('send.signInFirst')
    : compiled && !compiled.ok
      ? t('send.fixProblems')
      : checking
        ? t('send.checking')
        : !shownPlan || shownPlan.messages.length === 0
          ? t('send.nothingToSend')
          : null;

  const { auth, mailbox, latestDraft, footerAtStart, onAuthFailure, launch } = start;
  const startingRef = useRef(false);
  const startCampaign = useCallback(async () => {
    if (!list || !mapping || !auth || startingRef.current) return;
    startingRef.current = true;
    setStarting(true);
    setStartError(null);
    try {
      // The campaign's permissions are asked for now, in one consent, rather than row by row.
      onAuthFailure(null);
      try {
        await auth.graphToken(campaignScopes(mailbox));
      } catch (e) {
        onAuthFailure(
          e instanceof AuthFailure ? e : new AuthFailure('failed', [], e instanceof Error ? e.message : String(e)),
        );
        return;
      }
      // Send what the message says now, not what it said when the pane last read it.
      const latest = await latestDraft();
      if (!latest || !compileTemplate(latest, list.columns).ok) return;
      const definition = campaignDefinition({
        id: crypto.randomUUID(),
        draft: latest,
        list,
        mapping,
        excludedRows,
        part,
        footerHtml: await footerAtStart(),
        suppressed: suppressed ?? undefined,
        unsubscribeHtml,
      });
      const planned = await definitionPlanInSlices(definition);
      // The session refuses only when the browser would not keep the campaign.
      await launch(definition, planned, latest).catch((e: unknown) =>
        setStartError(t('send.storageFailed', { message: e instanceof Error ? e.message : String(e) })),
      );
    } finally {
      startingRef.current = false;
      setStarting(false);
    }
  }, [
    list,
    mapping,
    auth,
    mailbox,
    latestDraft,
    footerAtStart,
    onAuthFailure,
    launch,
    excludedRows,
    part,
    suppressed,
    unsubscribeHtml,
    t,
  ]);

  const messages = shownPlan?.messages;
  const index = messages ? Math.max(0, Math.min(previewIndex, messages.length - 1)) : 0;
  /** The message the preview shows (and a test send sends): the one message rendered before sending. */
  const previewed = useMemo(() => {
    const checked = messages?.checked[index];
    return messages && checked ? messages.render(checked) : null;
  }, [messages, index]);

  return {
    compiled,
    fieldNames,
    plan: shownPlan,
    checking,
    split,
    estimate,
    excludedRows,
    outsideFollowUp,
    toggleRow,
    setRowsIncluded,
    previewIndex: index,
    setPreviewIndex,
    previewed,
    blockedReason,
    starting,
    startError,
    start: startCampaign,
  };
}
