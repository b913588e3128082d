/**
 * Where a delegated-administration request email leads (P3): the signed-in owner sees the
 * partner, the permissions and the duration, picks the subscription when the request names none,
 * and approves or declines. Nothing is granted before this.
 */
import {
  Button,
  Caption1,
  Card,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { PartnerRelationshipView } from '#shared/api/views.js';
import { formatDate, type MessageKey } from '#shared/i18n/translate.js';
import type { Account } from '../../auth/authPort.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PartnerRequestReview, PortalApi } from '../usePortalApi.js';
import { durationText } from './partnerText.js';
import { PageTitle } from '../../components/PageTitle.js';

const useStyles = makeStyles({
  page: { maxWidth: '680px' },
});

export function ApproveRequest({ api, account, token }: { api: PortalApi; account: Account; token: string }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const review = useAsyncAction(useCallback(() => api.viewPartnerRequest(token), [api, token]));
  const { data: request, error, busy } = review;
  /** The subscription the grant is for, when the request names none: the owner's choice, the first one until then. */
  const [chosen, setChosen] = useState<string | null>(null);
  const subscriptionId = chosen ?? request?.subscriptionId ?? request?.subscriptions[0]?.id ?? '';
  const [outcome, setOutcome] = useState<{ approved: PartnerRelationshipView } | { declined: true } | null>(null);

  // Answered once: the request is not read again (it is no longer pending).
  const answer = (approve: boolean) =>
    void review.run(
      async () => {
        if (approve)
          setOutcome({
            approved: await api.approvePartnerRequest(
              token,
              request?.subscriptionId ? undefined : subscriptionId || undefined,
            ),
          });
        else {
          await api.declinePartnerRequest(token);
          setOutcome({ declined: true });
        }
      },
      { reload: false },
    );

  const heading = (
    <PageTitle id="partner-request-heading">
      {request ? t('approve.title', { partner: request.partner }) : t('approve.titleGeneric')}
    </PageTitle>
  );
  if (!request)
    return (
      <section className={mergeClasses(layout.stackM, layout.narrow)} aria-labelledby="partner-request-heading">
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

  const subscriptionLabel = (s: PartnerRequestReview['subscriptions'][number]) =>
    t('approve.subscription', {
      plan: t(`plan.${s.plan}` as MessageKey),
      quantity: s.quantity,
      status: t(`status.${s.status}` as MessageKey),
    });
  return (
    <section
      className={mergeClasses(layout.stackM, styles.page)}
      aria-labelledby="partner-request-heading"
      data-testid="approve-request"
    >
      {heading}
      <Card className={mergeClasses(layout.padded, layout.stackS)} data-testid="approve-details">
        <Text>
          {t('approve.explain', { partner: request.partner, code: request.advisorCode, by: request.requestedBy })}
        </Text>
        <Text weight="semibold">{t('approve.permissions')}</Text>
        <ul className={layout.list}>
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
              {t('approve.done', {
                partner: request.partner,
                date: outcome.approved.expiresAt ? formatDate(Date.parse(outcome.approved.expiresAt), locale) : '',
              })}{' '}
              {outcome.approved.subscriptionId && (
                <Link href={`#/subscriptions/${outcome.approved.subscriptionId}`}>{t('accept.open')}</Link>
              )}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="info">
            <MessageBarBody data-testid="approve-done">
              {t('approve.declined', { partner: request.partner })}
            </MessageBarBody>
          </MessageBar>
        )
      ) : request.subscriptions.length === 0 ? (
        <Caption1 data-testid="approve-no-subscription">
          {t('approve.noSubscription', { email: account.email })}
        </Caption1>
      ) : (
        <>
          {request.subscriptionId === null && request.subscriptions.length > 1 ? (
            <Field label={t('approve.choose')}>
              <RadioGroup value={subscriptionId} onChange={(_, d) => setChosen(d.value)}>
                {request.subscriptions.map((s) => (
                  <Radio key={s.id} value={s.id} label={subscriptionLabel(s)} />
                ))}
              </RadioGroup>
            </Field>
          ) : (
            request.subscriptions[0] && (
              <Caption1>{t('approve.for', { subscription: subscriptionLabel(request.subscriptions[0]) })}</Caption1>
            )
          )}
          <div className={layout.row}>
            <Button
              appearance="primary"
              disabled={busy || subscriptionId === ''}
              onClick={() => answer(true)}
              data-testid="approve"
            >
              {t('approve.approve')}
            </Button>
            <Button disabled={busy} onClick={() => answer(false)} data-testid="decline">
              {t('approve.decline')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
