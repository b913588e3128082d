/**
 * Buying licenses (B1, B2): choose plans into a cart (several lines, quantity each), review the
 * order with volume prices and tax, confirm, pay; when the bank asks for additional authentication
 * the page shows that step. After the payment the buyer lands on the new subscription's seats.
 */
import { Button, Caption1, Card, Field, MessageBar, MessageBarBody, SpinButton, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CartLine, CheckoutResult, PlanCatalogView, PriceTierView } from '../../../shared/src/api/views.js';
import { taxFor } from '../../../shared/src/billing/tax.js';
import { formatMoney, type MessageKey } from '../../../shared/src/i18n/translate.js';
import type { Account } from '../auth/authPort.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CardField, usePaymentAuthentication, type CardFieldHandle } from './CardField.js';
import { errorText } from './errorText.js';
import type { PortalApi } from './usePortalApi.js';
import { navigate } from './useHashRoute.js';

/** What `quantity` seats cost for a period under graduated tiers (the server's rule, from its tiers). */
export function tieredTotalMinor(tiers: readonly PriceTierView[], quantity: number): number {
  let total = 0;
  for (const tier of tiers) {
    const upper = tier.to === null ? quantity : Math.min(quantity, tier.to);
    if (upper >= tier.from) total += (upper - tier.from + 1) * tier.unitPriceMinor;
  }
  return total;
}

/** Tax in basis points, rounded as on the invoices (the shared rule). */
export const taxMinor = taxFor;

export function formatRate(taxRateBp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(taxRateBp / 100);
}

type Step = 'cart' | 'review' | 'payment' | 'authenticate';
const STEPS: Array<Exclude<Step, 'authenticate'>> = ['cart', 'review', 'payment'];
const validQuantity = (q: number | null): q is number => q !== null && Number.isInteger(q) && q >= 1 && q <= 100000;

export function Checkout({ api, account }: { api: PortalApi; account: Account }) {
  const { t, locale } = useI18n();
  const [catalog, setCatalog] = useState<PlanCatalogView | null>(null);
  const [cart, setCart] = useState<Array<{ plan: string; quantity: number | null }>>([{ plan: 'monthly', quantity: 5 }]);
  const [step, setStep] = useState<Step>('cart');
  const [card, setCard] = useState('');
  const [paying, setPaying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The cart's quantities are checked from "Review" on; the card only once the buyer tried to pay with it.
  const [touched, setTouched] = useState(false);
  const [payTried, setPayTried] = useState(false);
  const cardField = useRef<CardFieldHandle>(null);
  const bankConfirmation = usePaymentAuthentication();
  const [action, setAction] = useState<{ actionId: string; amountMinor: number } | null>(null);
  // One Idempotency-Key per distinct order: resubmitting the same order (double click, retry after a
  // network error) reuses it and is charged once; a corrected order (another card) gets a new key.
  const lastAttempt = useRef<{ body: string; key: string } | null>(null);
  const keyFor = (body: object) => {
    const serialized = JSON.stringify(body);
    if (lastAttempt.current?.body !== serialized) lastAttempt.current = { body: serialized, key: crypto.randomUUID() };
    return lastAttempt.current.key;
  };

  useEffect(() => {
    api.catalog().then(setCatalog, (e: unknown) => setError(errorText(e, t)));
  }, [api, t]);

  if (!catalog) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner label={t('common.loading')} />;

  const money = (minor: number) => formatMoney(minor, catalog.currency, locale);
  const planOf = (id: string) => catalog.plans.find((p) => p.id === id);
  const lines = cart.flatMap((line) => {
    const plan = planOf(line.plan);
    if (!plan || !validQuantity(line.quantity)) return [];
    const subtotal = tieredTotalMinor(plan.tiers, line.quantity);
    return [{ plan, quantity: line.quantity, subtotal, tax: taxMinor(subtotal, catalog.taxRateBp) }];
  });
  const cartValid = cart.length > 0 && cart.every((line) => validQuantity(line.quantity));
  const subtotal = lines.reduce((sum, l) => sum + l.subtotal, 0);
  const tax = lines.reduce((sum, l) => sum + l.tax, 0);
  const total = subtotal + tax;
  const order: { lines: CartLine[]; card: string } = { lines: lines.map((l) => ({ plan: l.plan.id, quantity: l.quantity })), card };

  const finish = async (result: CheckoutResult): Promise<void> => {
    if (result.status !== 'requires_action') return navigate(`/subscriptions/${result.subscriptionId}`);
    // With Stripe, Stripe.js shows the bank's page; the server then reads the outcome from Stripe.
    if (bankConfirmation && (await bankConfirmation(result.clientSecret))) return finish((await api.completePayment(result.actionId, true)) as CheckoutResult);
    setAction({ actionId: result.actionId, amountMinor: result.amountMinor });
    setStep('authenticate');
  };

  const cardMissing = bankConfirmation === null && card.trim() === '';
  const pay = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setPayTried(true);
    if (!cartValid || cardMissing) return;
    setPaying(true);
    setError(null);
    try {
      const paymentMethod = (await cardField.current?.read()) ?? card;
      const body = { ...order, card: paymentMethod };
      await finish(await api.buy(body, keyFor(body)));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setPaying(false);
    }
  };

  const authenticate = async (approved: boolean) => {
    if (!action) return;
    setPaying(true);
    setError(null);
    try {
      await finish((await api.completePayment(action.actionId, approved)) as CheckoutResult);
    } catch (e) {
      setError(errorText(e, t));
      setAction(null);
      setStep('payment');
    } finally {
      setPaying(false);
    }
  };

  const volumeTier = (tiers: readonly PriceTierView[]) => tiers.find((tier) => tier.from > 1);
  const errorBar = error && (
    <MessageBar intent="error">
      <MessageBarBody data-testid="checkout-error">{error}</MessageBarBody>
    </MessageBar>
  );
  const summary = (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: '6px 24px' }} data-testid="checkout-summary">
      {lines.map((l) => (
        <div key={l.plan.id} style={{ display: 'contents' }}>
          <Text>{t('checkout.reviewLine', { plan: t(`plan.${l.plan.id}` as MessageKey), quantity: l.quantity })}</Text>
          <Text align="end">{money(l.subtotal)}</Text>
        </div>
      ))}
      <Text>{t('checkout.subtotal')}</Text>
      <Text align="end">{money(subtotal)}</Text>
      <Text>{t('checkout.tax', { rate: formatRate(catalog.taxRateBp, locale) })}</Text>
      <Text align="end">{money(tax)}</Text>
      <Text weight="semibold">{t('invoice.total')}</Text>
      <Text weight="semibold" align="end" data-testid="checkout-total">
        {money(total)}
      </Text>
    </div>
  );

  return (
    <Card style={{ padding: 20, maxWidth: 640 }}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Text as="h2" size={500} weight="semibold">
          {t('checkout.title')}
        </Text>
        <ol style={{ display: 'flex', gap: 24, margin: 0, paddingLeft: 20 }} aria-label={t('checkout.title')}>
          {STEPS.map((name) => (
            <li key={name} aria-current={step === name || (step === 'authenticate' && name === 'payment') ? 'step' : undefined}>
              <Text weight={step === name || (step === 'authenticate' && name === 'payment') ? 'semibold' : 'regular'}>{t(`checkout.step.${name}`)}</Text>
            </li>
          ))}
        </ol>

        {step === 'cart' && (
          <>
            {cart.map((line, index) => {
              const plan = planOf(line.plan);
              if (!plan) return null;
              const tier = volumeTier(plan.tiers);
              const invalid = touched && !validQuantity(line.quantity);
              return (
                <Card key={line.plan} appearance="outline" style={{ padding: 12 }} data-testid={`cart-line-${line.plan}`}>
                  <div style={{ display: 'flex', gap: 16, alignItems: 'flex-end', flexWrap: 'wrap' }}>
                    <div style={{ flex: '1 1 200px' }}>
                      <Text weight="semibold">{t(`plan.${plan.id}` as MessageKey)}</Text>
                      <br />
                      <Caption1>{t(plan.interval === 'month' ? 'plan.perSeatMonth' : 'plan.perSeatYear', { price: money(plan.unitPriceMinor) })}</Caption1>
                    </div>
                    <Field label={t('checkout.quantity')} validationState={invalid ? 'error' : 'none'} validationMessage={invalid ? t('checkout.quantityInvalid') : undefined}>
                      <SpinButton
                        min={1}
                        max={100000}
                        value={line.quantity}
                        data-testid={`quantity-${plan.id}`}
                        onChange={(_, data) => {
                          const quantity = data.value !== undefined ? data.value : data.displayValue ? Number(data.displayValue) : null;
                          setCart((current) => current.map((l, i) => (i === index ? { ...l, quantity: quantity ?? null } : l)));
                        }}
                      />
                    </Field>
                    <Text style={{ minWidth: 140, textAlign: 'end' }} data-testid={`line-amount-${plan.id}`}>
                      {validQuantity(line.quantity) ? t('checkout.lineAmount', { amount: money(tieredTotalMinor(plan.tiers, line.quantity)), interval: t(`checkout.interval.${plan.interval}`) }) : '—'}
                    </Text>
                    <Button appearance="subtle" onClick={() => setCart((current) => current.filter((_, i) => i !== index))} data-testid={`remove-${plan.id}`}>
                      {t('checkout.removeLine', { plan: t(`plan.${plan.id}` as MessageKey) })}
                    </Button>
                  </div>
                  {tier && <Caption1>{t('checkout.volume', { from: tier.from, price: money(tier.unitPriceMinor) })}</Caption1>}
                </Card>
              );
            })}
            {cart.length === 0 && <Caption1>{t('checkout.emptyCart')}</Caption1>}
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              {catalog.plans
                .filter((plan) => !cart.some((line) => line.plan === plan.id))
                .map((plan) => (
                  <Button key={plan.id} onClick={() => setCart((current) => [...current, { plan: plan.id, quantity: 1 }])} data-testid={`add-${plan.id}`}>
                    {t('checkout.addLine', { plan: t(`plan.${plan.id}` as MessageKey) })}
                  </Button>
                ))}
            </div>
            <Button
              appearance="primary"
              disabled={cart.length === 0}
              data-testid="to-review"
              onClick={() => {
                setTouched(true);
                if (cartValid) setStep('review');
              }}
            >
              {t('checkout.toReview')}
            </Button>
          </>
        )}

        {step === 'review' && (
          <>
            <Text weight="semibold">{t('checkout.reviewTitle')}</Text>
            {summary}
            <Caption1>{t('checkout.owner', { email: account.email })}</Caption1>
            <Caption1>{t('checkout.renewalNote')}</Caption1>
            <div style={{ display: 'flex', gap: 8 }}>
              <Button onClick={() => setStep('cart')}>{t('checkout.back')}</Button>
              <Button appearance="primary" onClick={() => setStep('payment')} data-testid="confirm-order">
                {t('checkout.confirmOrder')}
              </Button>
            </div>
          </>
        )}

        {step === 'payment' && (
          <form onSubmit={(e) => void pay(e)} noValidate style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
            {summary}
            <CardField ref={cardField} label={t('checkout.card')} hint={t('checkout.cardHint')} testId="card" value={card} onChange={setCard} validationMessage={payTried && cardMissing ? t('checkout.cardRequired') : undefined} />
            {errorBar}
            <div style={{ display: 'flex', gap: 8 }}>
              <Button onClick={() => setStep('review')} disabled={paying}>
                {t('checkout.back')}
              </Button>
              <Button appearance="primary" type="submit" disabled={paying} data-testid="pay">
                {paying ? t('checkout.paying') : t('checkout.pay', { amount: money(total) })}
              </Button>
            </div>
          </form>
        )}

        {step === 'authenticate' && action && (
          <Card appearance="outline" style={{ padding: 16 }} data-testid="authenticate">
            <Text weight="semibold">{t('checkout.authTitle')}</Text>
            <Text>{t('checkout.authText', { amount: money(action.amountMinor) })}</Text>
            <Caption1>{t('checkout.authSimulated')}</Caption1>
            {errorBar}
            <div style={{ display: 'flex', gap: 8 }}>
              <Button appearance="primary" disabled={paying} onClick={() => void authenticate(true)} data-testid="auth-approve">
                {t('checkout.authApprove')}
              </Button>
              <Button disabled={paying} onClick={() => void authenticate(false)} data-testid="auth-decline">
                {t('checkout.authDecline')}
              </Button>
            </div>
          </Card>
        )}
      </div>
    </Card>
  );
}
