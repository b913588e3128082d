/**
 * Buying licenses (B1, B2): choose plans into a cart (several lines, quantity each), review the
 * order with volume prices and tax, confirm, pay; when the bank asks for additional authentication
 * the page shows that step. After the payment the buyer lands on the new subscription's seats.
 */
import {
  Button,
  Caption1,
  Card,
  Field,
  SpinButton,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CartLine, CheckoutResult, PriceTierView } from '#shared/api/views.js';
import { taxFor } from '#shared/billing/tax.js';
import { tiersTotalMinor } from '#shared/billing/pricing.js';
import { formatMoney, formatRate, type MessageKey } from '#shared/i18n/translate.js';
import type { Account } from '../auth/authPort.js';
import { ErrorMessage, Loading } from '../components/Feedback.js';
import { useFocusWhenShown } from '../components/focus.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { BankConfirmation } from './BankConfirmation.js';
import { CardField, usePaymentAuthentication, type CardFieldHandle } from './CardField.js';
import { idempotencyKeys } from './idempotencyKeys.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi } from './usePortalApi.js';
import { navigate } from './useHashRoute.js';
import { PageTitle } from '../components/PageTitle.js';

type Step = 'cart' | 'review' | 'payment' | 'authenticate';
const STEPS: Array<Exclude<Step, 'authenticate'>> = ['cart', 'review', 'payment'];
const MAX_QUANTITY = 100000;
const validQuantity = (q: number | null): q is number =>
  q !== null && Number.isInteger(q) && q >= 1 && q <= MAX_QUANTITY;

const useStyles = makeStyles({
  checkout: { padding: tokens.spacingHorizontalXL },
  steps: {
    display: 'flex',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalXS,
    flexWrap: 'wrap',
  },
  line: { padding: tokens.spacingHorizontalM },
  lineRow: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-end', flexWrap: 'wrap' },
  linePlan: { flex: '1 1 200px' },
  lineAmount: { minWidth: '140px', textAlign: 'end' },
  /** The order's lines and totals, amounts aligned on the right. */
  summary: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gap: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalXXL}`,
  },
  summaryLine: { display: 'contents' },
});

export function Checkout({ api, account }: { api: PortalApi; account: Account }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const { data: catalog, error: catalogError } = useAsyncAction(useCallback(() => api.catalog(), [api]));
  const payment = useAsyncAction<never>(null);
  const [cart, setCart] = useState<Array<{ plan: string; quantity: number | null }>>([
    { plan: 'monthly', quantity: 5 },
  ]);
  const [step, setStep] = useState<Step>('cart');
  const [card, setCard] = useState('');
  // The cart's quantities are checked from "Review" on; the card only once the buyer tried to pay with it.
  const [touched, setTouched] = useState(false);
  const [payTried, setPayTried] = useState(false);
  const cardField = useRef<CardFieldHandle>(null);
  const bankConfirmation = usePaymentAuthentication();
  const [action, setAction] = useState<{ actionId: string; amountMinor: number; currency: string } | null>(null);
  // One Idempotency-Key per distinct order: a resubmitted order is charged once.
  const keyFor = useMemo(idempotencyKeys, []);
  // The step that opens takes the focus: the button that opened it is gone.
  const currentStep = useFocusWhenShown<HTMLLIElement>(step, { skipFirst: true });

  if (!catalog) return <Loading error={catalogError} />;

  const money = (minor: number) => formatMoney(minor, catalog.currency, locale);
  const planOf = (id: string) => catalog.plans.find((p) => p.id === id);
  const lines = cart.flatMap((line) => {
    const plan = planOf(line.plan);
    if (!plan || !validQuantity(line.quantity)) return [];
    const subtotal = tiersTotalMinor(plan.tiers, line.quantity);
    // Each line becomes its own subscription and invoice, taxed on its own (as the server charges it).
    return [{ plan, quantity: line.quantity, subtotal, tax: taxFor(subtotal, catalog.taxRateBp) }];
  });
  const cartValid = cart.length > 0 && cart.every((line) => validQuantity(line.quantity));
  const subtotal = lines.reduce((sum, l) => sum + l.subtotal, 0);
  const tax = lines.reduce((sum, l) => sum + l.tax, 0);
  const total = subtotal + tax;
  const order: { lines: CartLine[]; card: string } = {
    lines: lines.map((l) => ({ plan: l.plan.id, quantity: l.quantity })),
    card,
  };

  const finish = async (result: CheckoutResult): Promise<void> => {
    if (result.status !== 'requires_action') return navigate(`/subscriptions/${result.subscriptionId}`);
    // With Stripe, Stripe.js shows the bank's page; the server then reads the outcome from Stripe.
    if (bankConfirmation && (await bankConfirmation(result.clientSecret)))
      return finish((await api.completePayment(result.actionId, true)) as CheckoutResult);
    setAction({ actionId: result.actionId, amountMinor: result.amountMinor, currency: result.currency });
    setStep('authenticate');
  };

  const cardMissing = bankConfirmation === null && card.trim() === '';
  const pay = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setPayTried(true);
    if (!cartValid || cardMissing) return;
    void payment.run(async () => {
      // With Stripe the card never reaches Outmerge: its card field answers a PaymentMethod id.
      const body = { ...order, card: (await cardField.current?.read()) ?? card };
      await finish(await api.buy(body, keyFor(body)));
    });
  };

  /** The bank's answer; declined, the buyer is back at the payment step with the reason. */
  const authenticate = (approved: boolean) => {
    if (!action) return;
    const back = () => {
      setAction(null);
      setStep('payment');
    };
    void payment.run(async () => finish((await api.completePayment(action.actionId, approved)) as CheckoutResult), {
      onError: back,
    });
  };
  const paying = payment.busy;
  const error = payment.error;

  const volumeTier = (tiers: readonly PriceTierView[]) => tiers.find((tier) => tier.from > 1);
  const errorBar = <ErrorMessage error={error} testId="checkout-error" />;
  const summary = (
    <div className={styles.summary} data-testid="checkout-summary">
      {lines.map((l) => (
        <div key={l.plan.id} className={styles.summaryLine}>
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
    <Card className={mergeClasses(styles.checkout, layout.narrow)}>
      <div className={layout.stackL}>
        <PageTitle>{t('checkout.title')}</PageTitle>
        <ol className={mergeClasses(layout.list, styles.steps)} aria-label={t('checkout.title')}>
          {STEPS.map((name) => (
            <li
              key={name}
              aria-current={step === name || (step === 'authenticate' && name === 'payment') ? 'step' : undefined}
              ref={step === name || (step === 'authenticate' && name === 'payment') ? currentStep : undefined}
              tabIndex={-1}
            >
              <Text weight={step === name || (step === 'authenticate' && name === 'payment') ? 'semibold' : 'regular'}>
                {t(`checkout.step.${name}`)}
              </Text>
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
                <Card
                  key={line.plan}
                  appearance="outline"
                  className={styles.line}
                  data-testid={`cart-line-${line.plan}`}
                >
                  <div className={styles.lineRow}>
                    <div className={styles.linePlan}>
                      <Text weight="semibold">{t(`plan.${plan.id}` as MessageKey)}</Text>
                      <br />
                      <Caption1>
                        {t(plan.interval === 'month' ? 'plan.perSeatMonth' : 'plan.perSeatYear', {
                          price: money(plan.unitPriceMinor),
                        })}
                      </Caption1>
                    </div>
                    <Field
                      label={t('checkout.quantity')}
                      validationState={invalid ? 'error' : 'none'}
                      validationMessage={invalid ? t('checkout.quantityInvalid', { max: MAX_QUANTITY }) : undefined}
                    >
                      <SpinButton
                        min={1}
                        max={MAX_QUANTITY}
                        value={line.quantity}
                        data-testid={`quantity-${plan.id}`}
                        onChange={(_, data) => {
                          const quantity =
                            data.value !== undefined
                              ? data.value
                              : data.displayValue
                                ? Number(data.displayValue)
                                : null;
                          setCart((current) =>
                            current.map((l, i) => (i === index ? { ...l, quantity: quantity ?? null } : l)),
                          );
                        }}
                      />
                    </Field>
                    <Text className={styles.lineAmount} data-testid={`line-amount-${plan.id}`}>
                      {validQuantity(line.quantity)
                        ? t('checkout.lineAmount', {
                            amount: money(tiersTotalMinor(plan.tiers, line.quantity)),
                            interval: t(`checkout.interval.${plan.interval}`),
                          })
                        : '—'}
                    </Text>
                    <Button
                      appearance="subtle"
                      onClick={() => setCart((current) => current.filter((_, i) => i !== index))}
                      data-testid={`remove-${plan.id}`}
                    >
                      {t('checkout.removeLine', { plan: t(`plan.${plan.id}` as MessageKey) })}
                    </Button>
                  </div>
                  {tier && (
                    <Caption1>{t('checkout.volume', { from: tier.from, price: money(tier.unitPriceMinor) })}</Caption1>
                  )}
                </Card>
              );
            })}
            {cart.length === 0 && <Caption1>{t('checkout.emptyCart')}</Caption1>}
            <div className={layout.rowWrap}>
              {catalog.plans
                .filter((plan) => !cart.some((line) => line.plan === plan.id))
                .map((plan) => (
                  <Button
                    key={plan.id}
                    onClick={() => setCart((current) => [...current, { plan: plan.id, quantity: 1 }])}
                    data-testid={`add-${plan.id}`}
                  >
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
            <div className={layout.row}>
              <Button onClick={() => setStep('cart')}>{t('checkout.back')}</Button>
              <Button appearance="primary" onClick={() => setStep('payment')} data-testid="confirm-order">
                {t('checkout.confirmOrder')}
              </Button>
            </div>
          </>
        )}

        {step === 'payment' && (
          <form onSubmit={(e) => void pay(e)} noValidate className={layout.stackL}>
            {summary}
            <CardField
              ref={cardField}
              label={t('checkout.card')}
              hint={t('checkout.cardHint')}
              testId="card"
              value={card}
              onChange={setCard}
              validationMessage={payTried && cardMissing ? t('checkout.cardRequired') : undefined}
            />
            {errorBar}
            <div className={layout.row}>
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
          <BankConfirmation
            amount={{ minor: action.amountMinor, currency: action.currency }}
            busy={paying}
            onAnswer={authenticate}
          >
            {errorBar}
          </BankConfirmation>
        )}
      </div>
    </Card>
  );
}
