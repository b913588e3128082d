import { Button, Caption1, Card, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, SpinButton, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatMoney, type MessageKey } from '../../../shared/src/i18n/translate.js';
import type { Account } from '../auth/authPort.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import type { Plan, PortalApi } from './usePortalApi.js';
import { navigate } from './useHashRoute.js';

export function Checkout({ api, account }: { api: PortalApi; account: Account }) {
  const { t, locale } = useI18n();
  const [catalog, setCatalog] = useState<{ currency: string; plans: Plan[] } | null>(null);
  const [planId, setPlanId] = useState('monthly');
  const [quantity, setQuantity] = useState<number | null>(5);
  const [card, setCard] = useState('');
  const [paying, setPaying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  // One Idempotency-Key per distinct purchase: resubmitting the same order (double click, retry after a
  // network error) reuses it and is charged once; a corrected order (another card) gets a new key.
  const lastAttempt = useRef<{ body: string; key: string } | null>(null);
  const keyFor = (body: object) => {
    const serialized = JSON.stringify(body);
    if (lastAttempt.current?.body !== serialized) lastAttempt.current = { body: serialized, key: crypto.randomUUID() };
    return lastAttempt.current.key;
  };

  useEffect(() => {
    api.plans().then(setCatalog, (e: unknown) => setError(errorText(e, t)));
  }, [api, t]);

  const plan = catalog?.plans.find((p) => p.id === planId) ?? null;
  const quantityValid = quantity !== null && Number.isInteger(quantity) && quantity >= 1 && quantity <= 100000;
  const total = plan && quantityValid ? formatMoney(plan.unitPriceMinor * quantity, catalog?.currency ?? 'EUR', locale) : '—';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!plan || !quantityValid || card.trim() === '') return;
    setPaying(true);
    setError(null);
    try {
      const order = { plan: plan.id, quantity, card };
      const result = await api.checkout(order, keyFor(order));
      navigate(`/subscriptions/${result.subscriptionId}`);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setPaying(false);
    }
  };

  if (!catalog) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner label={t('common.loading')} />;
  return (
    <Card style={{ padding: 20, maxWidth: 560 }}>
      <form onSubmit={(e) => void submit(e)} noValidate style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Text as="h2" size={500} weight="semibold">
          {t('checkout.title')}
        </Text>
        <Field label={t('checkout.plan')}>
          <RadioGroup value={planId} onChange={(_, data) => setPlanId(data.value)}>
            {catalog.plans.map((p) => (
              <Radio
                key={p.id}
                value={p.id}
                label={`${t(`plan.${p.id}` as MessageKey)} — ${t(p.interval === 'month' ? 'plan.perSeatMonth' : 'plan.perSeatYear', { price: formatMoney(p.unitPriceMinor, catalog.currency, locale) })}`}
              />
            ))}
          </RadioGroup>
        </Field>
        <Field label={t('checkout.quantity')} validationState={touched && !quantityValid ? 'error' : 'none'} validationMessage={touched && !quantityValid ? t('checkout.quantityInvalid') : undefined}>
          <SpinButton
            min={1}
            max={100000}
            value={quantity}
            data-testid="quantity"
            onChange={(_, data) => setQuantity(data.value !== undefined ? data.value : data.displayValue ? Number(data.displayValue) : null)}
          />
        </Field>
        <Field label={t('checkout.card')} hint={t('checkout.cardHint')} validationState={touched && card.trim() === '' ? 'error' : 'none'} validationMessage={touched && card.trim() === '' ? t('checkout.cardRequired') : undefined}>
          <Input value={card} onChange={(_, data) => setCard(data.value)} inputMode="numeric" autoComplete="cc-number" data-testid="card" placeholder="4242 4242 4242 4242" />
        </Field>
        <Text weight="semibold" data-testid="checkout-total">
          {t('checkout.total', { amount: total })}
        </Text>
        <Caption1>{t('checkout.owner', { email: account.email })}</Caption1>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody data-testid="checkout-error">{error}</MessageBarBody>
          </MessageBar>
        )}
        <Button appearance="primary" type="submit" disabled={paying} data-testid="pay">
          {paying ? t('checkout.paying') : t('checkout.pay', { amount: total })}
        </Button>
      </form>
    </Card>
  );
}
