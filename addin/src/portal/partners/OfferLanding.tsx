/**
 * Where an offer link leads (P2): what the partner offers, readable before signing in; then the
 * signed-in customer starts the trial or buys (with the bank's confirmation step when asked), and
 * may approve the delegated administration the offer asks for at once — otherwise it is emailed
 * to them for approval.
 */
import { Button, Caption1, Card, Checkbox, Field, Input, Link, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CheckoutResult, OfferPublicView, PaymentResult } from '../../../../shared/src/api/views.js';
import { formatDate, formatMoney, type MessageKey } from '../../../../shared/src/i18n/translate.js';
import type { Account } from '../../auth/authPort.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { OfferRedemption, PortalApi } from '../usePortalApi.js';
import { durationText, idempotencyKeys } from './partnerText.js';
import { offerTitle } from './offerTitle.js';

export function OfferLanding({ api, account, code, token, onSignIn }: { api: PortalApi; account: Account | null; code: string; token: string; onSignIn: () => void }) {
  const { t, locale } = useI18n();
  const [offer, setOffer] = useState<OfferPublicView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [card, setCard] = useState('');
  const [approve, setApprove] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ subscriptionId: string; administrationApproved: boolean } | null>(null);
  const [action, setAction] = useState<{ actionId: string; amountMinor: number; currency: string } | null>(null);
  const keyFor = useMemo(idempotencyKeys, []);

  useEffect(() => {
    api.viewOffer(code, token).then(setOffer, (e: unknown) => setError(errorText(e, t)));
  }, [api, code, token, t]);

  if (!offer)
    return error ? (
      <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 640 }}>
        <Text as="h2" size={500} weight="semibold">
          {t('offer.title')}
        </Text>
        <MessageBar intent="error">
          <MessageBarBody data-testid="offer-error">{error}</MessageBarBody>
        </MessageBar>
      </section>
    ) : (
      <Spinner label={t('common.loading')} />
    );

  const plan = t(`plan.${offer.plan}` as MessageKey);
  const price = offer.priceMinor !== null ? t(offer.interval === 'year' ? 'partners.offers.priceYear' : 'partners.offers.priceMonth', { price: formatMoney(offer.priceMinor, offer.currency, locale) }) : null;

  const finish = (result: OfferRedemption | CheckoutResult | PaymentResult) => {
    if (result.status === 'requires_action') {
      setAction({ actionId: result.actionId, amountMinor: result.amountMinor, currency: result.currency });
      return;
    }
    setAction(null);
    if ('subscriptionId' in result) setDone({ subscriptionId: result.subscriptionId, administrationApproved: approve });
  };

  const take = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (offer.kind === 'trial') finish(await api.redeemOffer({ code, token, approveAdministration: approve }));
      else {
        const body = { code, token, card: card.trim(), approveAdministration: approve };
        finish(await api.redeemOffer(body, keyFor(body)));
      }
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (approved: boolean) => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      finish(await api.completePayment(action.actionId, approved));
    } catch (e) {
      setAction(null);
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 680 }} aria-labelledby="offer-heading" data-testid="offer-landing">
      <Text as="h2" size={500} weight="semibold" id="offer-heading">
        {t('offer.heading', { partner: offer.partner })}
      </Text>
      <Card style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="offer-details">
        <Text weight="semibold" size={400}>
          {offerTitle(offer, t)}
        </Text>
        <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 16, rowGap: 6, margin: 0 }}>
          <dt>{t('offer.what')}</dt>
          <dd style={{ margin: 0 }}>{offer.kind === 'trial' ? t('offer.trialWhat', { plan, quantity: offer.quantity, days: offer.trialDays ?? 0 }) : t('offer.purchaseWhat', { plan, quantity: offer.quantity })}</dd>
          {price && (
            <>
              <dt>{t('offer.price')}</dt>
              <dd style={{ margin: 0 }} data-testid="offer-landing-price">
                {price}
              </dd>
            </>
          )}
          <dt>{t('offer.partner')}</dt>
          <dd style={{ margin: 0 }}>{t('offer.partnerValue', { partner: offer.partner, code: offer.advisorCode })}</dd>
          <dt>{t('offer.validUntil')}</dt>
          <dd style={{ margin: 0 }}>{formatDate(Date.parse(offer.expiresAt), locale)}</dd>
        </dl>
        {offer.kind === 'trial' && <Caption1>{t('offer.trialExplain')}</Caption1>}
        {offer.administration && (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="offer-administration">
            <Text weight="semibold">{t('offer.administrationTitle', { partner: offer.partner, duration: durationText(offer.administration.durationDays, t) })}</Text>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
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
            {offer.kind === 'trial' ? t('offer.trialStarted') : t('offer.bought')} {offer.administration && !done.administrationApproved ? t('offer.approvalEmailed', { partner: offer.partner }) : ''}{' '}
            <Link href={`#/subscriptions/${done.subscriptionId}`} data-testid="offer-open-subscription">
              {t('accept.open')}
            </Link>
          </MessageBarBody>
        </MessageBar>
      ) : action ? (
        <Card style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="offer-authenticate">
          <Text>{t('checkout.authText', { amount: formatMoney(action.amountMinor, action.currency, locale) })}</Text>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button appearance="primary" disabled={busy} onClick={() => void confirm(true)}>
              {t('checkout.authApprove')}
            </Button>
            <Button disabled={busy} onClick={() => void confirm(false)}>
              {t('checkout.authDecline')}
            </Button>
          </div>
        </Card>
      ) : !account ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, alignItems: 'flex-start' }}>
          <Caption1>{t('offer.signInFirst')}</Caption1>
          <Button appearance="primary" onClick={onSignIn} data-testid="sign-in">
            {t('auth.title')}
          </Button>
        </div>
      ) : (
        <form onSubmit={(e) => void take(e)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Caption1>{t('offer.signedInAs', { email: account.email })}</Caption1>
          {offer.kind === 'purchase' && (
            <Field label={t('offer.card')} hint={t('partners.keys.cardHint')} required>
              <Input value={card} onChange={(_, d) => setCard(d.value)} autoComplete="cc-number" inputMode="numeric" data-testid="offer-card" />
            </Field>
          )}
          {offer.administration && <Checkbox checked={approve} onChange={(_, d) => setApprove(d.checked === true)} label={t('offer.approveNow', { partner: offer.partner })} data-testid="offer-approve-now" />}
          <Button appearance="primary" type="submit" disabled={busy || (offer.kind === 'purchase' && card.trim() === '')} style={{ alignSelf: 'flex-start' }} data-testid="take-offer">
            {offer.kind === 'trial' ? t('offer.startTrial') : t('offer.buy', { price: price ?? '' })}
          </Button>
        </form>
      )}
    </section>
  );
}
