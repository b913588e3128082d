/**
 * The Outmerge task pane: sign-in and license status, then the campaign steps (message,
 * recipients, preview with checks, send). Host, auth, license and Graph are injected, so the same
 * component runs in Outlook (Office.js, MSAL) and in the playground (simulated compose window,
 * development identity provider, Graph stand-in).
 */
import { Button, Caption1, Divider, MessageBar, MessageBarBody, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { decideFooter } from '../../../shared/src/license/footerDecision.js';
import { promotionalFooterHtml } from '../../../shared/src/merge/footer.js';
import { compileTemplate } from '../../../shared/src/merge/mergeTemplate.js';
import type { ClientConfig } from '../api/apiClient.js';
import { useAuth } from '../auth/useAuth.js';
import { planCampaign } from '../campaign/planCampaign.js';
import { emailColumns, readRecipientFile, RecipientListError } from '../campaign/readRecipients.js';
import { sendCampaign } from '../campaign/sendCampaign.js';
import { GraphMailClient } from '../graph/graphMailClient.js';
import type { Draft, MailHost } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { LicenseClient } from '../license/licenseClient.js';
import { LicenseStatus } from './LicenseStatus.js';
import { PreviewStep } from './PreviewStep.js';
import { RecipientsStep, type RecipientsState } from './RecipientsStep.js';
import { SendStep, type SendState } from './SendStep.js';
import { TemplateStep } from './TemplateStep.js';
import { useLicense } from './useLicense.js';

export interface TaskPaneProps {
  host: MailHost;
  config: ClientConfig;
  licenseClient: LicenseClient;
}

const NO_RECIPIENTS: RecipientsState = { reading: null, list: null, emailColumn: null, candidates: [], problem: null };

export function TaskPaneApp({ host, config, licenseClient }: TaskPaneProps) {
  const { t, locale } = useI18n();
  const loginHint = useMemo(() => host.userEmail(), [host]);
  const { auth, account, error: authError, signIn, signOut, dialog } = useAuth(config, { nested: true, loginHint });
  const license = useLicense(auth, account, licenseClient);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [recipients, setRecipients] = useState<RecipientsState>(NO_RECIPIENTS);
  const [previewIndex, setPreviewIndex] = useState(0);
  const [send, setSend] = useState<SendState>({ running: false, progress: null, cancelled: false });
  const abort = useRef<AbortController | null>(null);

  const reloadDraft = useCallback(() => {
    host.readDraft().then(
      (d) => {
        setDraft(d);
        setDraftError(null);
      },
      (e: unknown) => setDraftError(e instanceof Error ? e.message : String(e)),
    );
  }, [host]);
  useEffect(reloadDraft, [reloadDraft]);

  const onFile = useCallback(async (file: File) => {
    setRecipients({ ...NO_RECIPIENTS, reading: file.name });
    try {
      const list = await readRecipientFile(file);
      setRecipients({ reading: null, list, emailColumn: list.emailColumn, candidates: emailColumns(list.columns, list.rows), problem: null });
      setPreviewIndex(0);
    } catch (e) {
      const problem = e instanceof RecipientListError ? e.problem : { code: 'PARSE_ERROR' as const, fileName: file.name, message: e instanceof Error ? e.message : String(e) };
      setRecipients({ ...NO_RECIPIENTS, problem });
    }
  }, []);

  const footer = decideFooter(license.state).footer;
  const compiled = useMemo(() => (draft && recipients.list ? compileTemplate(draft, recipients.list.columns) : null), [draft, recipients.list]);
  const fieldNames = useMemo(() => {
    if (!draft) return [];
    const result = compiled ?? compileTemplate(draft, []);
    return result.ok ? result.template.fields.map((f) => f.name) : [...new Set(result.problems.map((p) => p.field ?? '').filter(Boolean)), ...result.fields.map((f) => f.name)];
  }, [draft, compiled]);
  const plan = useMemo(() => {
    if (!compiled?.ok || !recipients.list || !recipients.emailColumn) return null;
    return planCampaign({ template: compiled.template, rows: recipients.list.rows, emailColumn: recipients.emailColumn, footerHtml: footer ? promotionalFooterHtml(locale, config.promoUrl) : null });
  }, [compiled, recipients.list, recipients.emailColumn, footer, locale, config.promoUrl]);

  const blockedReason = !account
    ? t('send.signInFirst')
    : compiled && !compiled.ok
      ? t('send.fixProblems')
      : !plan || plan.messages.length === 0
        ? t('send.nothingToSend')
        : null;

  const startSending = useCallback(async () => {
    if (!auth || !recipients.list || !recipients.emailColumn) return;
    // Send what the message says now, not what it said when the pane last read it.
    const latest = await host.readDraft().catch(() => draft);
    if (!latest) return;
    setDraft(latest);
    const template = compileTemplate(latest, recipients.list.columns);
    if (!template.ok) return;
    const controller = new AbortController();
    abort.current = controller;
    setSend({ running: true, progress: null, cancelled: false });
    // The footer decision is refreshed at campaign start; the license server never blocks sending.
    const state = await license.check();
    const withFooter = decideFooter(state).footer;
    const finalPlan = planCampaign({ template: template.template, rows: recipients.list.rows, emailColumn: recipients.emailColumn, footerHtml: withFooter ? promotionalFooterHtml(locale, config.promoUrl) : null });
    const client = new GraphMailClient(config.graphBaseUrl, () => auth.graphToken());
    try {
      const result = await sendCampaign(finalPlan.messages, {
        client,
        ratePerMinute: config.sendRatePerMinute,
        signal: controller.signal,
        onProgress: (progress) => setSend((s) => ({ ...s, progress })),
      });
      setSend({ running: false, progress: result, cancelled: controller.signal.aborted });
    } catch (e) {
      setSend((s) => ({ ...s, running: false }));
      setDraftError(e instanceof Error ? e.message : String(e));
    }
  }, [auth, host, draft, recipients, license, locale, config]);

  return (
    <main style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 480 }}>
      <header style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Title3 as="h1">{t('app.name')}</Title3>
        <Caption1>{t('app.tagline')}</Caption1>
      </header>
      {authError && (
        <MessageBar intent="error">
          <MessageBarBody>{t('auth.error', { message: authError })}</MessageBarBody>
        </MessageBar>
      )}
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
      <Divider />
      <TemplateStep draft={draft} error={draftError} fields={fieldNames} onReload={reloadDraft} />
      <RecipientsStep state={recipients} onFile={(file) => void onFile(file)} onEmailColumn={(column) => setRecipients((r) => ({ ...r, emailColumn: column }))} />
      <PreviewStep problems={compiled && !compiled.ok ? compiled.problems : []} plan={plan} index={previewIndex} onIndex={setPreviewIndex} footer={footer} />
      <SendStep count={plan?.messages.length ?? 0} blockedReason={blockedReason} state={send} onSend={() => void startSending()} onCancel={() => abort.current?.abort()} />
      {dialog}
    </main>
  );
}
