/**
 * Where a delegated-administration request email leads (P3): the signed-in owner sees the
 * partner, the permissions and the duration, picks the subscription when the request names none,
 * and approves or declines. Nothing is granted before this.
 */
import { Button, Caption1, Card, Link, MessageBar, MessageBarBody, Radio, RadioGroup, Field, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PartnerRelationshipView } from '../../../../shared/src/api/views.js';
import { formatDate, type MessageKey } from '../../../../shared/src/i18n/translate.js';
import type { Account } from '../../auth/authPort.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PartnerRequestReview, PortalApi } from '../usePortalApi.js';
import { durationText } from './partnerText.js';

export function ApproveRequest({ api, account, token }: { api: PortalApi; account: Account; token: string }) {
  const { t, locale } = useI18n();
  const [request, setRequest] = useState<PartnerRequestReview | null>(null);
  const [subscriptionId, setSubscriptionId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ approved: PartnerRelationshipView } | { declined: true } | null>(null);

  useEffect(() => {
    api.viewPartnerRequest(token).then(
      (r) => {
        setRequest(r);
        setSubscriptionId(r.subscriptionId ?? r.subscriptions[0]?.id ?? '');
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [api, token, t]);

  const answer = async (approve: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (approve) setOutcome({ approved: await api.approvePartnerRequest(token, request?.subscriptionId ? undefined : subscriptionId || undefined) });
      else {
        await api.declinePartnerRequest(token);
        setOutcome({ declined: true });
      }
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const heading = (
    <Text as="h2" size={500} weight="semibold" id="partner-request-heading">
      {request ? t('approve.title', { partner: request.partner }) : t('approve.titleGeneric')}
    </Text>
  );
  if (!request)
    return (
      <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 640 }} aria-labelledby="partner-request-heading">
        {heading}
        {error ? (
          <MessageBar intent="error">
            <MessageBarBody data-testid="approve-error">{error}</MessageBarBody>
          </MessageBar>
        ) : (
          <Spinner label={t('common.loading')} />
        )}
      </section>
    );

  const subscriptionLabel = (s: PartnerRequestReview['subscriptions'][number]) => t('approve.subscription', { plan: t(`plan.${s.plan}` as MessageKey), quantity: s.quantity, status: t(`status.${s.status}` as MessageKey) });
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 680 }} aria-labelledby="partner-request-heading" data-testid="approve-request">
      {heading}
      <Card style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="approve-details">
        <Text>{t('approve.explain', { partner: request.partner, code: request.advisorCode, by: request.requestedBy })}</Text>
        <Text weight="semibold">{t('approve.permissions')}</Text>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {request.permissions.map((p) => (
            <li key={p}>{t(`permission.${p}`)}</li>
          ))}
        </ul>
        <Text>
          <strong>{t('approve.duration')}</strong> {durationText(request.durationDays, t)}
        </Text>
        <Caption1>{t('approve.endAnyTime')}</Caption1>
        <Caption1>{t('approve.answerBy', { date: formatDate(Date.parse(request.requestExpiresAt), locale) })}</Caption1>
      </Card>
      <Feedback error={error} testId="approve" />
      {outcome ? (
        'approved' in outcome ? (
          <MessageBar intent="success">
            <MessageBarBody data-testid="approve-done">
              {t('approve.done', { partner: request.partner, date: outcome.approved.expiresAt ? formatDate(Date.parse(outcome.approved.expiresAt), locale) : '' })}{' '}
              {outcome.approved.subscriptionId && <Link href={`#/subscriptions/${outcome.approved.subscriptionId}`}>{t('accept.open')}</Link>}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="info">
            <MessageBarBody data-testid="approve-done">{t('approve.declined', { partner: request.partner })}</MessageBarBody>
          </MessageBar>
        )
      ) : request.subscriptions.length === 0 ? (
        <Caption1 data-testid="approve-no-subscription">{t('approve.noSubscription', { email: account.email })}</Caption1>
      ) : (
        <>
          {request.subscriptionId === null && request.subscriptions.length > 1 ? (
            <Field label={t('approve.choose')}>
              <RadioGroup value={subscriptionId} onChange={(_, d) => setSubscriptionId(d.value)}>
                {request.subscriptions.map((s) => (
                  <Radio key={s.id} value={s.id} label={subscriptionLabel(s)} />
                ))}
              </RadioGroup>
            </Field>
          ) : (
            request.subscriptions[0] && <Caption1>{t('approve.for', { subscription: subscriptionLabel(request.subscriptions[0]) })}</Caption1>
          )}
          <div style={{ display: 'flex', gap: 8 }}>
            <Button appearance="primary" disabled={busy || subscriptionId === ''} onClick={() => void answer(true)} data-testid="approve">
              {t('approve.approve')}
            </Button>
            <Button disabled={busy} onClick={() => void answer(false)} data-testid="decline">
              {t('approve.decline')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
