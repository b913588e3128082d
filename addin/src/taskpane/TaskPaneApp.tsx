/**
 * The Outmerge task pane: sign-in and license status, then the campaign as a step-by-step wizard
 * (message, recipients, check and preview, send and report). Host, auth, license and Graph are
 * injected, so the same component runs in Outlook (Office.js, MSAL) and in the playground
 * (simulated compose window, development identity provider, Graph stand-in). It only composes:
 * the draft, the recipients, the plan, the campaign and the test send are hooks beside it.
 */
import {
  Button,
  Caption1,
  Divider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { startTransition, Suspense, useCallback, useMemo, useState } from 'react';
import type { Translator } from '#shared/i18n/translate.js';
import { decideFooter, type LicenseState } from '#shared/license/footerDecision.js';
import { promotionalFooterHtml } from '#shared/merge/footer.js';
import type { ClientConfig } from '../api/apiClient.js';
import { AuthFailureNotice, organizationsConsentUrl } from '../components/AuthFailureNotice.js';
import type { MailHost } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { LicenseClient } from '../license/licenseClient.js';
import { browserStore } from '../storage/keyValueStore.js';
import { paneRecords } from '../storage/paneRecords.js';
import { AccountBar } from './AccountBar.js';
import { AdminView } from './admin/AdminView.js';
import { BudgetNotice } from './BudgetNotice.js';
import { LicenseStatus } from './LicenseStatus.js';
import { ScreenBoundary } from '../components/ScreenBoundary.js';
import {
  HistoryPanel,
  InboxOptions,
  loadScreensAgain,
  InboxReport,
  PreviewStep,
  RecipientsStep,
  ReportStep,
  ScheduleChooser,
  SendStep,
} from './laterScreens.js';
import { TemplateStep } from './TemplateStep.js';
import { useCampaign } from './useCampaign.js';
import { useCampaignPlan, type CampaignStart } from './useCampaignPlan.js';
import { useDraft } from './useDraft.js';
import { useFieldInsert } from './useFieldInsert.js';
import { useLicense } from './useLicense.js';
import { usePaneSession } from './usePaneSession.js';
import { useRecipients } from './useRecipients.js';
import { useSenderMailbox } from './useSenderMailbox.js';
import { useTestSend } from './useTestSend.js';
import { campaignScopes } from '#shared/api/graphScopes.js';
import { definitionPlanInSlices } from '../campaign/definitionMessages.js';
import { heldCounts, rerunDefinition, rerunRows } from '../history/campaignHistory.js';
import { useHistory } from '../history/useHistory.js';
import { useSchedule } from './useSchedule.js';
import { Wizard, type WizardStep } from './Wizard.js';
import { rowMarker } from '../campaign/campaign.js';
import { outcomeText, type RowOutcome } from '../inbox/rowOutcomes.js';
import { unsubscribeLineHtml } from '../inbox/unsubscribe.js';
import { useInbox } from '../inbox/useInbox.js';

type StepId = 'message' | 'recipients' | 'check' | 'send';

export interface TaskPaneProps {
  host: MailHost;
  config: ClientConfig;
  licenseClient: LicenseClient;
}

/** The wizard's steps; checking and sending need a recipient list. */
function wizardSteps(t: Translator, hasList: boolean): ReadonlyArray<WizardStep<StepId>> {
  const needRecipients = hasList ? null : t('wizard.needRecipients');
  return [
    { id: 'message', title: t('template.title'), blockedBy: null },
    { id: 'recipients', title: t('recipients.title'), blockedBy: null },
    { id: 'check', title: t('preview.title'), blockedBy: needRecipients },
    { id: 'send', title: t('send.title'), blockedBy: needRecipients },
  ];
}

const useStyles = makeStyles({
  pane: {
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: '480px',
  },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' },
  historyToggle: { alignSelf: 'flex-start' },
});

export function TaskPaneApp({ host, config, licenseClient }: TaskPaneProps) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const session = usePaneSession(host, config);
  const { auth, account, graph, setGraphFailure } = session;
  const license = useLicense(auth, account, licenseClient);
  const storage = useMemo(() => browserStore(), []);
  const records = useMemo(() => paneRecords(), []);
  const draft = useDraft(host, account);
  const ownAddresses = useMemo(() => [account?.email, host.userEmail()], [account, host]);
  const { mailbox, mailboxOf, fallbackFrom, setFallbackFrom } = useSenderMailbox(draft.draft, ownAddresses);
  const recipients = useRecipients({
    storage,
    graph,
    onAuthFailure: setGraphFailure,
    cellLocale: host.displayLanguage(),
  });
  const { attachment, inlineImage } = draft;
  const { campaign, start, pause, resume, stop, retryFailed, close, sendLog, budget, cancelScheduled } = useCampaign({
    storage,
    records,
    graph,
    ratePerMinute: config.sendRatePerMinute,
    maxRatePerMinute: config.sendRateMaxPerMinute,
    dailyRecipientLimit: config.dailyRecipientLimit,
    attachment: (_definition, name) => attachment(name),
    inlineImage: (_definition, contentId) => inlineImage(contentId),
    missingFiles: draft.missingFiles,
  });
  const footerFor = useCallback(
    (state: LicenseState) => (decideFooter(state).footer ? promotionalFooterHtml(locale, config.promoUrl) : null),
    [locale, config.promoUrl],
  );
  const footer = decideFooter(license.state).footer;
  const { check: checkLicense } = license;
  // The footer decision is refreshed at campaign start; the license server never blocks sending.
  const footerAtStart = useCallback(async () => footerFor(await checkLicense()), [footerFor, checkLicense]);
  const history = useHistory(campaign, graph);
  // A scheduled campaign leaves room for what the mailbox sent and what other scheduled campaigns hold.
  const { entries: historyEntries } = history;
  const counted = useCallback(
    (now: number) => [...sendLog.counted(now), ...heldCounts(historyEntries, now)],
    [sendLog, historyEntries],
  );
  const [planned, setPlanned] = useState<ReturnType<typeof useCampaignPlan>['plan']>(null);
  const schedule = useSchedule({
    messages: planned?.messages ?? null,
    limit: config.dailyRecipientLimit,
    ratePerMinute: config.sendRatePerMinute,
    counted,
  });
  const scheduleAt = schedule.schedule;
  // Bounces, unsubscribes and follow-ups (inbox/): between the pane and the mailbox only.
  const inbox = useInbox({ storage, graph, auth, onAuthFailure: setGraphFailure });
  const [followUp, setFollowUp] = useState<Set<string> | null>(null);
  const [outcomes, setOutcomes] = useState<{ id: string; list: RowOutcome[] } | null>(null);
  const sendingMailbox = mailbox ?? account?.email ?? null;
  const unsubscribeHtml = useMemo(
    () =>
      inbox.unsubscribeLine && sendingMailbox
        ? unsubscribeLineHtml(sendingMailbox, {
            sentence: t('unsubscribe.sentence'),
            link: t('unsubscribe.link'),
            word: t('unsubscribe.word'),
          })
        : null,
    [inbox.unsubscribeLine, sendingMailbox, t],
  );
  const launch = useCallback<CampaignStart['launch']>(
    async (definition, plannedCampaign, latest) => {
      await start(
        definition,
        plannedCampaign.messages,
        plannedCampaign.excluded,
        mailboxOf(latest),
        scheduleAt(Date.now()),
      );
      setFollowUp(null);
    },
    [start, mailboxOf, scheduleAt],
  );
  const starting: CampaignStart = {
    auth,
    mailbox,
    latestDraft: draft.latest,
    footerAtStart,
    onAuthFailure: setGraphFailure,
    launch,
  };
  const plan = useCampaignPlan({
    draft: draft.draft,
    recipients: recipients.state,
    footerHtml: footerFor(license.state),
    budget,
    ratePerMinute: config.sendRatePerMinute,
    signedIn: account !== null,
    start: starting,
    suppressed: inbox.suppressions,
    unsubscribeHtml,
    followUp,
  });
  if (plan.plan !== planned) setPlanned(plan.plan);
  const outcomeOf = useMemo(() => new Map((outcomes?.list ?? []).map((o) => [o.row, o])), [outcomes]);
  const reportOutcomes = campaign && outcomes?.id === campaign.ledger.id ? outcomes.list : null;
  const [showHistory, setShowHistory] = useState(false);
  /** Re-runs a past campaign's failed rows as a new campaign: its permissions and the footer as at any start. */
  const rerun = async (id: string) => {
    const found = await history.open(id);
    if (!found || campaign || !auth) return;
    const { record } = found;
    await auth.graphToken(campaignScopes(record.ledger.mailbox));
    const definition = {
      ...rerunDefinition(record.definition, rerunRows(record.ledger).rows, crypto.randomUUID()),
      footerHtml: await footerAtStart(),
    };
    const rerunPlan = await definitionPlanInSlices(definition);
    setShowHistory(false);
    await start(definition, rerunPlan.messages, rerunPlan.excluded, record.ledger.mailbox);
  };
  const cancelFromHistory = async (id: string) => {
    if (campaign?.definition.id === id) await cancelScheduled();
    else await history.cancel(id);
  };
  const testRun = useMemo(
    () => (graph ? { graph, attachment, inlineImage, sendLog } : null),
    [graph, attachment, inlineImage, sendLog],
  );
  const fieldInsert = useFieldInsert(host, draft.reload);
  const testSend = useTestSend({
    message: plan.previewed,
    to: account?.email ?? null,
    mailbox,
    list: recipients.state.list,
    run: testRun,
    onAuthFailure: setGraphFailure,
  });

  const [step, setStepNow] = useState<StepId>('message');
  // A step's screen renders in a transition: React slices it, so the pane stays responsive meanwhile.
  const setStep = useCallback((next: StepId) => startTransition(() => setStepNow(next)), []);
  // A campaign under way (or its report) is all the pane shows until it is closed.
  const shownStep: StepId = campaign ? 'send' : step;
  // A scheduled campaign's parts are shown by the schedule instead.
  const budgetNotice = plan.split && !schedule.enabled && <BudgetNotice split={plan.split} />;
  // How long sending now takes; a scheduled campaign shows its parts and hand-over time instead.
  const sendEstimate = schedule.enabled ? null : plan.estimate;
  const scheduleBlock = schedule.problem
    ? t(`schedule.problem.${schedule.problem}`, { example: schedule.value.replace('T', ' ') })
    : null;

  return (
    <main className={styles.pane}>
      <header className={styles.header}>
        <Title3 as="h1">{t('app.name')}</Title3>
        <Caption1>{t('app.tagline')}</Caption1>
      </header>
      <AuthFailureNotice
        failure={session.graphFailure ?? session.failure}
        adminConsentUrl={session.adminConsentUrl}
        organizationsConsentUrl={organizationsConsentUrl(config)}
        onRetry={session.graphFailure ? () => setGraphFailure(null) : () => void session.signIn()}
      />
      <AccountBar
        account={account}
        canSignIn={auth !== null}
        onSignIn={() => void session.signIn()}
        onSignOut={() => void session.signOut()}
      />
      {account && (
        <LicenseStatus state={license.state} checking={license.checking} onRecheck={() => void license.check()} />
      )}
      {/* License help and the admin view (A8), separate from the campaign wizard: ./admin/ */}
      <AdminView auth={auth} account={account} license={license.state} />
      <Divider />
      {followUp && !campaign && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody data-testid="follow-up-notice">
            {t('followUp.notice', { count: followUp.size })}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => setFollowUp(null)} data-testid="follow-up-cancel">
              {t('followUp.cancel')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Button
        appearance="subtle"
        className={styles.historyToggle}
        onClick={() => setShowHistory((shown) => !shown)}
        aria-expanded={showHistory}
        data-testid="history-toggle"
      >
        {showHistory ? t('history.hide') : t('history.open')}
      </Button>
      {showHistory && (
        <ScreenBoundary onRetry={loadScreensAgain}>
          <Suspense fallback={<Spinner size="small" label={t('common.loading')} />}>
            <HistoryPanel
              entries={history.entries}
              error={history.error}
              activeId={campaign?.definition.id ?? null}
              busy={campaign !== null}
              open={history.open}
              onCancel={cancelFromHistory}
              onRerun={rerun}
              signedIn={account !== null}
            />
          </Suspense>
        </ScreenBoundary>
      )}
      {!showHistory && (
        <Wizard
          steps={wizardSteps(t, recipients.state.list !== null)}
          current={shownStep}
          onStep={setStep}
          locked={campaign !== null}
        >
          {/* Keyed by step: a screen that failed does not hold the others back. */}
          <ScreenBoundary key={shownStep} onRetry={loadScreensAgain}>
            <Suspense fallback={<Spinner size="small" label={t('common.loading')} />}>
              {shownStep === 'message' && (
                <TemplateStep
                  draft={draft.draft}
                  error={draft.error}
                  fields={plan.fieldNames}
                  onReload={draft.reload}
                  mailbox={mailbox}
                  fallbackFrom={fallbackFrom}
                  onFallbackFrom={setFallbackFrom}
                  signedIn={account !== null}
                  columns={recipients.state.list?.columns ?? null}
                  onInsertField={(tag) => void fieldInsert.insert(tag)}
                  insertResult={fieldInsert.result}
                />
              )}
              {shownStep === 'recipients' && (
                <RecipientsStep
                  recipients={recipients}
                  rows={{
                    excluded: plan.excludedRows,
                    outside: plan.outsideFollowUp,
                    toggle: plan.toggleRow,
                    setIncluded: plan.setRowsIncluded,
                  }}
                />
              )}
              {shownStep === 'check' && (
                <>
                  {budgetNotice}
                  <PreviewStep
                    draft={draft.draft}
                    pictures={draft.pictures}
                    problems={plan.compiled && !plan.compiled.ok ? plan.compiled.problems : []}
                    plan={plan.plan}
                    checking={plan.checking}
                    previewed={plan.previewed}
                    index={plan.previewIndex}
                    onIndex={plan.setPreviewIndex}
                    footer={footer}
                    onTestSend={account ? () => void testSend.send() : null}
                    testResult={testSend.result}
                    testTo={testSend.address}
                    onTestTo={testSend.setAddress}
                    testToError={testSend.addressError}
                    onToggleRow={plan.toggleRow}
                  />
                </>
              )}
              {shownStep === 'send' && (
                <>
                  {!campaign && budgetNotice}
                  {!campaign && <InboxOptions inbox={inbox} disabled={account === null} />}
                  <SendStep
                    mailbox={mailbox}
                    signedInAs={account?.email ?? null}
                    count={plan.plan?.messages.length ?? 0}
                    estimate={sendEstimate}
                    ratePerMinute={config.sendRatePerMinute}
                    blockedReason={plan.blockedReason ?? scheduleBlock}
                    starting={plan.starting}
                    startError={plan.startError}
                    campaign={campaign}
                    onSend={() => void plan.start()}
                    onPause={pause}
                    onResume={resume}
                    onStop={stop}
                    scheduleSlot={account && <ScheduleChooser schedule={schedule} limit={config.dailyRecipientLimit} />}
                    scheduling={schedule.enabled}
                    onCancelScheduled={() => void cancelScheduled()}
                  />
                  {campaign &&
                    !campaign.running &&
                    !campaign.stopping &&
                    (campaign.ledger.status === 'finished' || campaign.ledger.status === 'cancelled') && (
                      <ReportStep
                        campaign={campaign}
                        onRetryFailed={retryFailed}
                        onClose={() => {
                          close();
                          setStep('recipients');
                        }}
                        rowNote={
                          reportOutcomes
                            ? (row) => (outcomeOf.has(row) ? outcomeText(outcomeOf.get(row) as RowOutcome, t) : null)
                            : undefined
                        }
                      >
                        <InboxReport
                          inbox={inbox}
                          campaign={{
                            createdAt: campaign.ledger.createdAt,
                            sentRows: campaign.ledger.rows
                              .filter((row) => campaign.ledger.states[row]?.status === 'sent')
                              .map((row) => ({ row, to: campaign.messages.envelope(row)?.to ?? '' })),
                            markerOf: (row) => rowMarker(campaign.ledger, row),
                          }}
                          outcomes={reportOutcomes}
                          onOutcomes={(list) => setOutcomes({ id: campaign.ledger.id, list })}
                          onFollowUp={(addresses) => {
                            setFollowUp(addresses);
                            close();
                            setStep('message');
                          }}
                        />
                      </ReportStep>
                    )}
                </>
              )}
            </Suspense>
          </ScreenBoundary>
        </Wizard>
      )}
      {session.dialog}
    </main>
  );
}
