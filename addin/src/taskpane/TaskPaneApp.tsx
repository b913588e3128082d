/**
 * The Outmerge task pane: sign-in and license status, then the campaign as a step-by-step wizard
 * (message, recipients, check and preview, send and report). Host, auth, license and Graph are
 * injected, so the same component runs in Outlook (Office.js, MSAL) and in the playground
 * (simulated compose window, development identity provider, Graph stand-in). It only composes:
 * the draft, the recipients, the plan, the campaign and the test send are hooks beside it.
 */
import { Caption1, Divider, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { Translator } from '../../../shared/src/i18n/translate.js';
import { decideFooter, type LicenseState } from '../../../shared/src/license/footerDecision.js';
import { promotionalFooterHtml } from '../../../shared/src/merge/footer.js';
import type { ClientConfig } from '../api/apiClient.js';
import { AuthFailureNotice, organizationsConsentUrl } from '../components/AuthFailureNotice.js';
import type { MailHost } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { LicenseClient } from '../license/licenseClient.js';
import { browserStore } from '../storage/keyValueStore.js';
import { AccountBar } from './AccountBar.js';
import { AdminView } from './admin/AdminView.js';
import { BudgetNotice } from './BudgetNotice.js';
import { LicenseStatus } from './LicenseStatus.js';
import { PreviewStep } from './PreviewStep.js';
import { RecipientsStep } from './RecipientsStep.js';
import { ReportStep } from './ReportStep.js';
import { SendStep } from './SendStep.js';
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
import { Wizard, type WizardStep } from './Wizard.js';

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
  pane: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '480px' },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' },
});

export function TaskPaneApp({ host, config, licenseClient }: TaskPaneProps) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const session = usePaneSession(host, config);
  const { auth, account, graph, setGraphFailure } = session;
  const license = useLicense(auth, account, licenseClient);
  const storage = useMemo(() => browserStore(), []);
  const draft = useDraft(host, account);
  const ownAddresses = useMemo(() => [account?.email, host.userEmail()], [account, host]);
  const { mailbox, mailboxOf, fallbackFrom, setFallbackFrom } = useSenderMailbox(draft.draft, ownAddresses);
  const recipients = useRecipients({ storage, graph, onAuthFailure: setGraphFailure, cellLocale: host.displayLanguage() });
  const { attachment, inlineImage } = draft;
  const { campaign, start, pause, resume, stop, retryFailed, close, sendLog, budget } = useCampaign({
    storage,
    graph,
    ratePerMinute: config.sendRatePerMinute,
    maxRatePerMinute: config.sendRateMaxPerMinute,
    dailyRecipientLimit: config.dailyRecipientLimit,
    attachment: (_definition, name) => attachment(name),
    inlineImage: (_definition, contentId) => inlineImage(contentId),
    missingFiles: draft.missingFiles,
  });
  const footerFor = useCallback((state: LicenseState) => (decideFooter(state).footer ? promotionalFooterHtml(locale, config.promoUrl) : null), [locale, config.promoUrl]);
  const footer = decideFooter(license.state).footer;
  const { check: checkLicense } = license;
  // The footer decision is refreshed at campaign start; the license server never blocks sending.
  const footerAtStart = useCallback(async () => footerFor(await checkLicense()), [footerFor, checkLicense]);
  const launch = useCallback<CampaignStart['launch']>((definition, planned, latest) => start(definition, new Map(planned.messages.map((m) => [m.row, m])), planned.excluded, mailboxOf(latest)), [start, mailboxOf]);
  const starting: CampaignStart = { auth, mailbox, latestDraft: draft.latest, footerAtStart, onAuthFailure: setGraphFailure, launch };
  const plan = useCampaignPlan({ draft: draft.draft, recipients: recipients.state, footerHtml: footerFor(license.state), budget, ratePerMinute: config.sendRatePerMinute, signedIn: account !== null, start: starting });
  const testRun = useMemo(() => (graph ? { graph, attachment, inlineImage, sendLog } : null), [graph, attachment, inlineImage, sendLog]);
  const fieldInsert = useFieldInsert(host, draft.reload);
  const testSend = useTestSend({ message: plan.previewed, to: account?.email ?? null, mailbox, list: recipients.state.list, run: testRun, onAuthFailure: setGraphFailure });

  const [step, setStep] = useState<StepId>('message');
  // A campaign under way (or its report) is all the pane shows until it is closed.
  const shownStep: StepId = campaign ? 'send' : step;
  const budgetNotice = plan.split && <BudgetNotice split={plan.split} />;

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
      <AccountBar account={account} canSignIn={auth !== null} onSignIn={() => void session.signIn()} onSignOut={() => void session.signOut()} />
      {account && <LicenseStatus state={license.state} checking={license.checking} onRecheck={() => void license.check()} />}
      {/* License help and the admin view (A8), separate from the campaign wizard: ./admin/ */}
      <AdminView auth={auth} account={account} license={license.state} />
      <Divider />
      <Wizard steps={wizardSteps(t, recipients.state.list !== null)} current={shownStep} onStep={setStep} locked={campaign !== null}>
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
        {shownStep === 'recipients' && <RecipientsStep recipients={recipients} rows={{ excluded: plan.excludedRows, toggle: plan.toggleRow, setIncluded: plan.setRowsIncluded }} />}
        {shownStep === 'check' && (
          <>
            {budgetNotice}
            <PreviewStep
              draft={draft.draft}
              pictures={draft.pictures}
              problems={plan.compiled && !plan.compiled.ok ? plan.compiled.problems : []}
              plan={plan.plan}
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
            <SendStep mailbox={mailbox} signedInAs={account?.email ?? null} count={plan.plan?.messages.length ?? 0} estimate={plan.estimate} ratePerMinute={config.sendRatePerMinute} blockedReason={plan.blockedReason} campaign={campaign} onSend={() => void plan.start()} onPause={pause} onResume={resume} onStop={stop} />
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
      {session.dialog}
    </main>
  );
}
