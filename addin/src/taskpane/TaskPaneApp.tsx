/**
 * The Outmerge task pane: sign-in and license status, then the campaign as a step-by-step wizard
 * (message, recipients, check and preview, send and report). Host, auth, license and Graph are
 * injected, so the same component runs in Outlook (Office.js, MSAL) and in the playground
 * (simulated compose window, development identity provider, Graph stand-in).
 */
import { Button, Caption1, Divider, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { decideFooter } from '../../../shared/src/license/footerDecision.js';
import { promotionalFooterHtml } from '../../../shared/src/merge/footer.js';
import { compileTemplate } from '../../../shared/src/merge/mergeTemplate.js';
import { campaignScopes } from '../../../shared/src/api/graphScopes.js';
import type { ClientConfig } from '../api/apiClient.js';
import { apiFetch } from '../api/apiClient.js';
import { AuthFailure } from '../auth/authPort.js';
import { useAuth } from '../auth/useAuth.js';
import { AuthFailureNotice, organizationsConsentUrl } from '../components/AuthFailureNotice.js';
import { planCampaign, recipientCount } from '../campaign/planCampaign.js';
import { contactsToRecipientList } from '../campaign/contactsList.js';
import { readRecipientFileOffThread } from '../campaign/readInWorker.js';
import { emailColumns, isWorkbookFile, readWorkbook, recipientListFromSheet, RecipientListError, type RecipientList, type RecipientListProblem, type Workbook } from '../campaign/readRecipients.js';
import { recallMapping, rememberMapping } from '../campaign/mappingMemory.js';
import { splitOverDays } from '../campaign/dailySplit.js';
import { pictureDataUrl, usableInlineImages } from '../campaign/inlineImages.js';
import { senderMailbox } from '../campaign/senderMailbox.js';
import { sendTest } from '../campaign/testSend.js';
import { GraphMailClient, GraphRequestError, type GraphFileAttachment } from '../graph/graphMailClient.js';
import { browserStore } from '../storage/keyValueStore.js';
import type { Draft, MailHost } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { LicenseClient } from '../license/licenseClient.js';
import { LicenseStatus } from './LicenseStatus.js';
import { AdminView } from './admin/AdminView.js';
import { PreviewStep } from './PreviewStep.js';
import { RecipientsStep, type RecipientsState } from './RecipientsStep.js';
import { BudgetNotice, type BudgetSplit } from './BudgetNotice.js';
import { ReportStep } from './ReportStep.js';
import { SendStep } from './SendStep.js';
import { TemplateStep } from './TemplateStep.js';
import { useCampaign } from './useCampaign.js';
import { useLicense } from './useLicense.js';
import { Wizard, type WizardStep } from './Wizard.js';

type StepId = 'message' | 'recipients' | 'check' | 'send';

export interface TaskPaneProps {
  host: MailHost;
  config: ClientConfig;
  licenseClient: LicenseClient;
}

const NO_RECIPIENTS: RecipientsState = { reading: null, readingShare: 0, list: null, emailColumn: null, ccColumn: null, bccColumn: null, attachmentColumn: null, candidates: [], problem: null, workbook: null, sheet: null };

export function TaskPaneApp({ host, config, licenseClient }: TaskPaneProps) {
  const { t, locale } = useI18n();
  const loginHint = useMemo(() => host.userEmail(), [host]);
  const broker = useMemo(() => host.authBroker(), [host]);
  const { auth, account, failure: signInFailure, signIn, signOut, dialog } = useAuth(config, { broker, loginHint });
  /** A Graph permission a feature asked for and did not get (consent), shown until the next attempt. */
  const [graphFailure, setGraphFailure] = useState<AuthFailure | null>(null);
  const adminConsentUrl = useMemo(() => (auth && account ? async () => (await apiFetch<{ url: string }>('/api/v1/me/admin-consent', { token: await auth.apiToken() })).url : null), [auth, account]);
  const license = useLicense(auth, account, licenseClient);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [recipients, setRecipients] = useState<RecipientsState>(NO_RECIPIENTS);
  const storage = useMemo(() => browserStore(), []);
  /** Typed by the sender only where the host cannot read the message's From (Outlook below Mailbox 1.7). */
  const [fallbackFrom, setFallbackFrom] = useState('');
  // The campaign's mailbox comes from the message's From: the sender's own, or a shared mailbox.
  const ownAddresses = useMemo(() => [account?.email, host.userEmail()], [account, host]);
  const mailboxOf = useCallback((current: Draft | null) => senderMailbox(current?.from ?? (fallbackFrom.trim() || null), ownAddresses), [fallbackFrom, ownAddresses]);
  const mailbox = mailboxOf(draft);
  const [testResult, setTestResult] = useState<{ ok: boolean; text: string } | null>(null);
  // A test result speaks of one sender and one list: it goes when either changes.
  useEffect(() => setTestResult(null), [mailbox, recipients.list]);
  const [previewIndex, setPreviewIndex] = useState(0);
  const [step, setStep] = useState<StepId>('message');
  /** Rows the sender left out by hand; they belong to one recipient list. */
  const [excludedRows, setExcludedRows] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => setExcludedRows(new Set()), [recipients.list]);
  const toggleRow = useCallback(
    (row: number) =>
      setExcludedRows((rows) => {
        const next = new Set(rows);
        if (!next.delete(row)) next.add(row);
        return next;
      }),
    [],
  );
  const graph = useMemo(() => (auth && account ? new GraphMailClient(config.graphBaseUrl, (scopes) => auth.graphToken(scopes)) : null), [auth, account, config.graphBaseUrl]);
  /** A draft attachment's bytes for Graph, by the name the campaign recorded; the draft is read again to find its current id (ids last one session). */
  const attachmentFromDraft = useCallback(
    async (name: string): Promise<GraphFileAttachment> => {
      const current = (await host.readDraft()).attachments.find((a) => !a.isInline && a.name === name);
      if (!current) throw new Error(t('problems.missingAttachment', { row: '', name }));
      const content = await host.readAttachment(current.id);
      return { '@odata.type': '#microsoft.graph.fileAttachment', name: content.name, contentType: content.contentType, contentBytes: content.contentBytes };
    },
    [host, t],
  );
  /** An inline image of the draft, by content id, sent inline under the same content id so that the body's cid: reference resolves. */
  const inlineImageFromDraft = useCallback(
    async (contentId: string): Promise<GraphFileAttachment> => {
      const current = (await host.readDraft()).attachments.find((a) => a.isInline && a.contentId === contentId);
      if (!current) throw new Error(t('template.inlineUnmatched', { count: 1 }));
      const content = await host.readAttachment(current.id);
      return { '@odata.type': '#microsoft.graph.fileAttachment', name: content.name, contentType: content.contentType, contentBytes: content.contentBytes, isInline: true, contentId };
    },
    [host, t],
  );
  /** The campaign files this pane's message does not hold (by name, and inline pictures by content id): from the attachment list only. */
  const missingFromDraft = useCallback(
    async ({ names, contentIds }: { names: readonly string[]; contentIds: readonly string[] }): Promise<string[]> => {
      const current = (await host.readDraft()).attachments;
      return [...names.filter((name) => !current.some((a) => !a.isInline && a.name === name)), ...contentIds.filter((id) => !current.some((a) => a.isInline && a.contentId === id))];
    },
    [host],
  );
  const { campaign, start, pause, resume, stop, retryFailed, close, sendLog, budget } = useCampaign({
    storage,
    graph,
    ratePerMinute: config.sendRatePerMinute,
    dailyRecipientLimit: config.dailyRecipientLimit,
    attachment: (_definition, name) => attachmentFromDraft(name),
    inlineImage: (_definition, contentId) => inlineImageFromDraft(contentId),
    missingFiles: missingFromDraft,
  });

  const reloadDraft = useCallback(() => {
    host.readDraft().then(
      (d) => {
        setDraft(d);
        setDraftError(null);
      },
      (e: unknown) => setDraftError(e instanceof Error ? e.message : String(e)),
    );
  }, [host]);
  // Read again after sign-in too: the From of a message in one's own mailbox is one's own address.
  useEffect(reloadDraft, [reloadDraft, account]);

  /** The draft's inline pictures for the preview (the messages themselves carry them as inline attachments). */
  const [pictures, setPictures] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    const shown = usableInlineImages(draft?.attachments ?? []);
    const byContentId = new Map((draft?.attachments ?? []).map((a) => [a.contentId, a.id]));
    void Promise.all(
      shown.map(async (image) => {
        const id = byContentId.get(image.contentId);
        const content = id ? await host.readAttachment(id).catch(() => null) : null;
        const url = content ? pictureDataUrl(content.contentType, content.contentBytes) : null;
        return url ? ([image.contentId, url] as const) : null;
      }),
    ).then((read) => {
      if (current) setPictures(new Map(read.filter((entry) => entry !== null)));
    });
    return () => {
      current = false;
    };
  }, [draft, host]);

  /** A recipient list ready to use: the remembered mapping for its headers, or the guessed address column. */
  const listState = useCallback(
    (list: RecipientList, workbook: Workbook | null, sheet: string | null): RecipientsState => {
      const remembered = recallMapping(storage, list.columns);
      return {
        reading: null,
        readingShare: 1,
        list,
        emailColumn: remembered?.emailColumn ?? list.emailColumn,
        ccColumn: remembered?.ccColumn ?? null,
        bccColumn: remembered?.bccColumn ?? null,
        attachmentColumn: remembered?.attachmentColumn ?? null,
        candidates: emailColumns(list.columns, list.rows),
        problem: null,
        workbook,
        sheet,
      };
    },
    [storage],
  );

  const problemOf = (e: unknown, fileName: string): RecipientListProblem =>
    e instanceof RecipientListError ? e.problem : { code: 'PARSE_ERROR', fileName, message: e instanceof Error ? e.message : String(e) };

  const onFile = useCallback(
    async (file: File) => {
      setRecipients({ ...NO_RECIPIENTS, reading: file.name });
      try {
        if (isWorkbookFile(file)) {
          const workbook = await readWorkbook(file.name, await file.arrayBuffer());
          // The first sheet that holds addresses; the user can pick another.
          const usable = workbook.sheets.map((s) => s.name).find((name) => {
            try {
              return recipientListFromSheet(workbook, name) !== null;
            } catch {
              return false;
            }
          });
          const sheet = usable ?? workbook.sheets[0]?.name ?? '';
          try {
            setRecipients(listState(recipientListFromSheet(workbook, sheet), workbook, sheet));
          } catch (e) {
            setRecipients({ ...NO_RECIPIENTS, problem: problemOf(e, file.name), workbook, sheet });
          }
        } else {
          const list = await readRecipientFileOffThread(file, (share) => setRecipients((r) => (r.reading ? { ...r, readingShare: share } : r)));
          setRecipients(listState(list, null, null));
        }
        setPreviewIndex(0);
      } catch (e) {
        setRecipients({ ...NO_RECIPIENTS, problem: problemOf(e, file.name) });
      }
    },
    [listState],
  );

  const onContacts = useCallback(
    async (source: { mailbox: string | null; category: string | null }) => {
      if (!graph) return;
      const name = t('recipients.contactsSource', { mailbox: source.mailbox ?? t('send.fromOwn'), category: source.category ?? t('recipients.contactsAllCategories') });
      setRecipients({ ...NO_RECIPIENTS, reading: name });
      setGraphFailure(null);
      try {
        const contacts = await graph.listContacts({ mailbox: source.mailbox, category: source.category });
        setRecipients(listState(contactsToRecipientList(contacts, name), null, null));
        setPreviewIndex(0);
      } catch (e) {
        if (e instanceof AuthFailure) {
          setRecipients(NO_RECIPIENTS);
          setGraphFailure(e);
          return;
        }
        const problem: RecipientListProblem =
          e instanceof RecipientListError ? e.problem : { code: 'CONTACTS_FAILED', fileName: name, message: e instanceof GraphRequestError && e.kind === 'forbidden' ? t('send.sendAsDenied') : e instanceof Error ? e.message : String(e) };
        setRecipients({ ...NO_RECIPIENTS, problem });
      }
    },
    [graph, listState, t],
  );

  const onSheet = useCallback(
    (sheet: string) =>
      setRecipients((r) => {
        if (!r.workbook) return r;
        try {
          return listState(recipientListFromSheet(r.workbook, sheet), r.workbook, sheet);
        } catch (e) {
          return { ...NO_RECIPIENTS, problem: problemOf(e, r.workbook.fileName), workbook: r.workbook, sheet };
        }
      }),
    [listState],
  );

  const changeMapping = useCallback(
    (mapping: Partial<Pick<RecipientsState, 'emailColumn' | 'ccColumn' | 'bccColumn' | 'attachmentColumn'>>) =>
      setRecipients((r) => {
        const next = { ...r, ...mapping };
        if (next.list && next.emailColumn) {
          rememberMapping(storage, next.list.columns, { emailColumn: next.emailColumn, ccColumn: next.ccColumn, bccColumn: next.bccColumn, attachmentColumn: next.attachmentColumn });
        }
        return next;
      }),
    [storage],
  );

  const footer = decideFooter(license.state).footer;
  const compiled = useMemo(() => (draft && recipients.list ? compileTemplate(draft, recipients.list.columns) : null), [draft, recipients.list]);
  const fieldNames = useMemo(() => {
    if (!draft) return [];
    const result = compiled ?? compileTemplate(draft, []);
    return result.ok ? result.template.fields.map((f) => f.name) : [...new Set(result.problems.map((p) => p.field ?? '').filter(Boolean)), ...result.fields.map((f) => f.name)];
  }, [draft, compiled]);
  const plan = useMemo(() => {
    if (!compiled?.ok || !recipients.list || !recipients.emailColumn) return null;
    return planCampaign({
      template: compiled.template,
      rows: recipients.list.rows,
      emailColumn: recipients.emailColumn,
      ccColumn: recipients.ccColumn,
      bccColumn: recipients.bccColumn,
      attachmentColumn: recipients.attachmentColumn,
      attachments: draft?.attachments ?? [],
      excludedRows,
      footerHtml: footer ? promotionalFooterHtml(locale, config.promoUrl) : null,
    });
  }, [compiled, recipients.list, recipients.emailColumn, recipients.ccColumn, recipients.bccColumn, recipients.attachmentColumn, excludedRows, draft, footer, locale, config.promoUrl]);

  // The mailbox's rolling 24-hour budget, minus what Sent Items and this device show (M4): over it, the campaign goes out over days.
  const split = useMemo((): BudgetSplit | null => {
    if (!plan || plan.messages.length === 0) return null;
    const now = Date.now();
    const needed = recipientCount(plan.messages);
    const sendLog = budget.log;
    const left = Math.max(0, sendLog.limit - sendLog.usedInLastDay(now));
    if (needed <= left) return null;
    const counts = plan.messages.map((m) => 1 + m.cc.length + m.bcc.length);
    return { needed, left, limit: sendLog.limit, now, parts: splitOverDays(counts, { limit: sendLog.limit, leftNow: left, now, firstFreesAt: sendLog.availableAt(counts[0] ?? 1, now) }) };
  }, [plan, budget]);

  const blockedReason = !account
    ? t('send.signInFirst')
    : compiled && !compiled.ok
      ? t('send.fixProblems')
      : !plan || plan.messages.length === 0
        ? t('send.nothingToSend')
        : null;

  const startSending = useCallback(async () => {
    if (!recipients.list || !recipients.emailColumn || !auth) return;
    // The campaign's permissions are asked for now, in one consent, rather than row by row.
    setGraphFailure(null);
    try {
      await auth.graphToken(campaignScopes(mailbox));
    } catch (e) {
      setGraphFailure(e instanceof AuthFailure ? e : new AuthFailure('failed', [], e instanceof Error ? e.message : String(e)));
      return;
    }
    // Send what the message says now, not what it said when the pane last read it.
    const latest = await host.readDraft().catch(() => draft);
    if (!latest) return;
    setDraft(latest);
    const template = compileTemplate(latest, recipients.list.columns);
    if (!template.ok) return;
    // The footer decision is refreshed at campaign start; the license server never blocks sending.
    const state = await license.check();
    const footerHtml = decideFooter(state).footer ? promotionalFooterHtml(locale, config.promoUrl) : null;
    const mapping = { emailColumn: recipients.emailColumn, ccColumn: recipients.ccColumn, bccColumn: recipients.bccColumn, attachmentColumn: recipients.attachmentColumn };
    const attachments = latest.attachments.map(({ id, name, size, isInline, contentId }) => ({ id, name, size, isInline, contentId }));
    const finalPlan = planCampaign({ template: template.template, rows: recipients.list.rows, footerHtml, attachments, excludedRows, ...mapping });
    start(
      { id: crypto.randomUUID(), subject: latest.subject, bodyHtml: latest.bodyHtml, columns: recipients.list.columns, rows: recipients.list.rows, footerHtml, attachments, excludedRows: [...excludedRows], ...mapping },
      new Map(finalPlan.messages.map((m) => [m.row, m])),
      finalPlan.excluded,
      mailboxOf(latest),
    );
  }, [auth, host, draft, recipients, excludedRows, license, locale, config, start, mailbox, mailboxOf]);

  /** M5: the previewed row, exactly as it will go out (files and pictures included), sent to the sender's own address. */
  const sendTestMessage = useCallback(async () => {
    const message = plan?.messages[Math.min(previewIndex, (plan?.messages.length ?? 1) - 1)];
    if (!graph || !account || !message) return;
    setTestResult(null);
    setGraphFailure(null);
    try {
      const state = await sendTest(message, account.email, {
        graph,
        mailbox,
        subjectPrefix: t('preview.testPrefix'),
        attachment: attachmentFromDraft,
        inlineImage: inlineImageFromDraft,
        budget: sendLog,
        onSent: (recipients, at) => sendLog.record(recipients, at),
      });
      if (state.status === 'sent') setTestResult({ ok: true, text: t('preview.testSent', { address: account.email }) });
      else {
        const why = state.status !== 'failed' ? t('report.reason.budget') : state.reason === 'send_as_denied' ? t('send.sendAsDenied') : state.reason === 'rejected' && state.message ? state.message : t(`report.reason.${state.reason}`);
        setTestResult({ ok: false, text: t('preview.testNotSent', { message: why }) });
      }
    } catch (e) {
      if (e instanceof AuthFailure) {
        setGraphFailure(e);
        return;
      }
      setTestResult({ ok: false, text: e instanceof GraphRequestError && e.kind === 'forbidden' ? t('send.sendAsDenied') : t('errors.generic', { message: e instanceof Error ? e.message : String(e) }) });
    }
  }, [plan, previewIndex, graph, account, mailbox, t, attachmentFromDraft, inlineImageFromDraft, sendLog]);

  const needRecipients = recipients.list ? null : t('wizard.needRecipients');
  const steps: ReadonlyArray<WizardStep<StepId>> = [
    { id: 'message', title: t('template.title'), blockedBy: null },
    { id: 'recipients', title: t('recipients.title'), blockedBy: null },
    { id: 'check', title: t('preview.title'), blockedBy: needRecipients },
    { id: 'send', title: t('send.title'), blockedBy: needRecipients },
  ];
  // A campaign under way (or its report) is all the pane shows until it is closed.
  const shownStep: StepId = campaign ? 'send' : step;

  return (
    <main style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 480 }}>
      <header style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Title3 as="h1">{t('app.name')}</Title3>
        <Caption1>{t('app.tagline')}</Caption1>
      </header>
      <AuthFailureNotice
        failure={graphFailure ?? signInFailure}
        adminConsentUrl={adminConsentUrl}
        organizationsConsentUrl={organizationsConsentUrl(config)}
        onRetry={graphFailure ? () => setGraphFailure(null) : () => void signIn()}
      />
      {account ? (
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
          <Text size={200} data-testid="signed-in-as">
            {t('auth.signedInAs', { email: account.email })}
          </Text>
          <Button size="small" appearance="subtle" onClick={() => void signOut()}>
            {t('common.signOut')}
          </Button>
        </div>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          <Caption1>{t('auth.intro')}</Caption1>
          <Button appearance="primary" onClick={() => void signIn()} disabled={!auth} data-testid="sign-in">
            {t('auth.title')}
          </Button>
        </div>
      )}
      {account && <LicenseStatus state={license.state} checking={license.checking} onRecheck={() => void license.check()} />}
      {/* License help and the admin view (A8), separate from the campaign wizard: ./admin/ */}
      <AdminView auth={auth} account={account} license={license.state} />
      <Divider />
      <Wizard steps={steps} current={shownStep} onStep={setStep} locked={campaign !== null}>
        {shownStep === 'message' && <TemplateStep draft={draft} error={draftError} fields={fieldNames} onReload={reloadDraft} mailbox={mailbox} fallbackFrom={fallbackFrom} onFallbackFrom={setFallbackFrom} signedIn={account !== null} />}
        {shownStep === 'recipients' && (
          <RecipientsStep state={recipients} onFile={(file) => void onFile(file)} onMapping={changeMapping} onSheet={onSheet} onContacts={graph ? (source) => void onContacts(source) : null} />
        )}
        {shownStep === 'check' && (
          <>
            {split && <BudgetNotice split={split} />}
            <PreviewStep
              draft={draft}
              pictures={pictures}
              problems={compiled && !compiled.ok ? compiled.problems : []}
              plan={plan}
              index={previewIndex}
              onIndex={setPreviewIndex}
              footer={footer}
              onTestSend={account ? () => void sendTestMessage() : null}
              testResult={testResult}
              onToggleRow={toggleRow}
            />
          </>
        )}
        {shownStep === 'send' && (
          <>
            {!campaign && split && <BudgetNotice split={split} />}
            <SendStep
              mailbox={mailbox}
              signedInAs={account?.email ?? null}
              count={plan?.messages.length ?? 0}
              blockedReason={blockedReason}
              campaign={campaign}
              onSend={() => void startSending()}
              onPause={pause}
              onResume={resume}
              onStop={stop}
            />
            {campaign && !campaign.running && !campaign.stopping && (campaign.ledger.status === 'finished' || campaign.ledger.status === 'cancelled') && (
              <ReportStep
                campaign={campaign}
                onRetryFailed={retryFailed}
                onClose={() => {
                  close();
                  setStep('recipients');
                }}
              />
            )}
          </>
        )}
      </Wizard>
      {dialog}
    </main>
  );
}
