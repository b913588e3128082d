/**
 * Where an offer link leads (P2): what the partner offers, readable before signing in; then the
 * signed-in customer starts the trial or buys (with the bank's confirmation step when asked), and
 * may approve the delegated administration the offer asks for at once — otherwise it is emailed
 * to them for approval.
 */
import {
  Button,
  Caption1,
  Card,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { CheckoutResult, PaymentResult } from '#shared/api/views.js';
import { formatDate, formatMoney, type MessageKey } from '#shared/i18n/translate.js';
import type { Account } from '../../auth/authPort.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { BankConfirmation } from '../BankConfirmation.js';
import { idempotencyKeys } from '../idempotencyKeys.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { OfferRedemption, PortalApi } from '../usePortalApi.js';
import { offerTitle } from './offerTitle.js';
import { durationText } from './partnerText.js';
import { PageTitle } from '../../components/PageTitle.js';

const useStyles = makeStyles({
  page: { maxWidth: '680px' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalSNudge,
    margin: 0,
  },
});

export function OfferLanding({
  api,
  account,
  code,
  token,
  onSignIn,
}: {
  api: PortalApi;
  account: Account | null;
  code: string;
  token: string;
  onSignIn: () => void;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const landing = useAsyncAction(useCallback(() => api.viewOffer(code, token), [api, code, token]));
  const { data: offer, error, busy } = landing;
  const [card, setCard] = useState('');
  const [approve, setApprove] = useState(false);
  const [done, setDone] = useState<{ subscriptionId: string; administrationApproved: boolean } | null>(null);
  const [action, setAction] = useState<{ actionId: string; amountMinor: number; currency: string } | null>(null);
  const keyFor = useMemo(idempotencyKeys, []);

  if (!offer)
    return error ? (
      <section className={mergeClasses(layout.stackM, layout.narrow)}>
        <PageTitle>{t('offer.title')}</PageTitle>
        <MessageBar intent="error">
          <MessageBarBody data-testid="offer-error">{error}</MessageBarBody>
        </MessageBar>
      </section>
    ) : (
      <Spinner label={t('common.loading')} />
    );

  const plan = t(`plan.${offer.plan}` as MessageKey);
  const price =
    offer.priceMinor !== null
      ? t(offer.interval === 'year' ? 'partners.offers.priceYear' : 'partners.offers.priceMonth', {
          price: formatMoney(offer.priceMinor, offer.currency, locale),
        })
      : null;

  const finish = (result: OfferRedemption | CheckoutResult | PaymentResult) => {
    if (result.status === 'requires_action') {
      setAction({ actionId: result.actionId, amountMinor: result.amountMinor, currency: result.currency });
      return;
    }
    setAction(null);
    if ('subscriptionId' in result) setDone({ subscriptionId: result.subscriptionId, administrationApproved: approve });
  };

  // The offer is not read again afterwards: a taken offer for one customer no longer shows.
  const take = (event: FormEvent) => {
    event.preventDefault();
    const body =
      offer.kind === 'trial'
        ? { code, token, approveAdministration: approve }
        : { code, token, card: card.trim(), approveAdministration: approve };
    void landing.run(
      async () => finish(await api.redeemOffer(body, offer.kind === 'trial' ? undefined : keyFor(body))),
      { reload: false },
    );
  };

  const confirm = (approved: boolean) => {
    if (!action) return;
    void landing.run(async () => finish(await api.completePayment(action.actionId, approved)), {
      reload: false,
      onError: () => setAction(null),
    });
  };

  return (
    <section
      className={mergeClasses(layout.stackL, styles.page)}
      aria-labelledby="offer-heading"
      data-testid="offer-landing"
    >
      <PageTitle id="offer-heading">{t('offer.heading', { partner: offer.partner })}</PageTitle>
      <Card className={mergeClasses(layout.padded, layout.stackS)} data-testid="offer-details">
        <Text weight="semibold" size={400}>
          {offerTitle(offer, t)}
        </Text>
        <dl className={styles.facts}>
          <dt>{t('offer.what')}</dt>
          <dd className={layout.flush}>
            {offer.kind === 'trial'
              ? t('offer.trialWhat', { plan, quantity: offer.quantity, days: offer.trialDays ?? 0 })
              : t('offer.purchaseWhat', { plan, quantity: offer.quantity })}
          </dd>
          {price && (
            <>
              <dt>{t('offer.price')}</dt>
              <dd className={layout.flush} data-testid="offer-landing-price">
                {price}
              </dd>
            </>
          )}
          <dt>{t('offer.partner')}</dt>
          <dd className={layout.flush}>
            {t('offer.partnerValue', { partner: offer.partner, code: offer.advisorCode })}
          </dd>
          <dt>{t('offer.validUntil')}</dt>
          <dd className={layout.flush}>{formatDate(Date.parse(offer.expiresAt), locale)}</dd>
        </dl>
        {offer.kind === 'trial' && <Caption1>{t('offer.trialExplain')}</Caption1>}
        {offer.administration && (
          <div className={layout.stackXS} data-testid="offer-administration">
            <Text weight="semibold">
              {t('offer.administrationTitle', {
                partner: offer.partner,
                duration: durationText(offer.administration.durationDays, t),
              })}
            </Text>
            <ul className={layout.list}>
              {offer.administration.permissions.map((p) => (
                <li key={p}>{t(`permission.${p}`)}</li>
              ))}
            </ul>
            <Caption1>{t('offer.administrationExplain', { partner: offer.partner })}</Caption1>
          </div>
        )}
      </Card>
      <Feedback error={error} testId="offer" />
      {done ? (
        <MessageBar intent="success">
          <MessageBarBody data-testid="offer-done">
            {offer.kind === 'trial' ? t('offer.trialStarted') : t('offer.bought')}{' '}
            {offer.administration && !done.administrationApproved
              ? t('offer.approvalEmailed', { partner: offer.partner })
              : ''}{' '}
            <Link href={`#/subscriptions/${done.subscriptionId}`} data-testid="offer-open-subscription">
              {t('accept.open')}
            </Link>
          </MessageBarBody>
        </MessageBar>
      ) : action ? (
        <BankConfirmation
          amount={{ minor: action.amountMinor, currency: action.currency }}
          busy={busy}
          onAnswer={confirm}
          testIdPrefix="offer-"
        />
      ) : !account ? (
        <div className={mergeClasses(layout.stackS, layout.itemsStart)}>
          <Caption1>{t('offer.signInFirst')}</Caption1>
          <Button appearance="primary" onClick={onSignIn} data-testid="sign-in">
            {t('auth.title')}
          </Button>
        </div>
      ) : (
        <form onSubmit={(e) => void take(e)} className={layout.stackS}>
          <Caption1>{t('offer.signedInAs', { email: account.email })}</Caption1>
          {offer.kind === 'purchase' && (
            <Field label={t('offer.card')} hint={t('partners.keys.cardHint')} required>
              <Input
                value={card}
                onChange={(_, d) => setCard(d.value)}
                autoComplete="cc-number"
                inputMode="numeric"
                data-testid="offer-card"
              />
            </Field>
          )}
          {offer.administration && (
            <Checkbox
              checked={approve}
              onChange={(_, d) => setApprove(d.checked === true)}
              label={t('offer.approveNow', { partner: offer.partner })}
              data-testid="offer-approve-now"
            />
          )}
          <Button
            appearance="primary"
            type="submit"
            disabled={busy || (offer.kind === 'purchase' && card.trim() === '')}
            className={layout.start}
            data-testid="take-offer"
          >
            {offer.kind === 'trial' ? t('offer.startTrial') : t('offer.buy', { price: price ?? '' })}
          </Button>
        </form>
      )}
    </section>
  );
}
