/**
 * Where the buyer enters a card. With the simulated provider: a text field for its test card
 * numbers. With Stripe: Stripe's own card field (a frame from js.stripe.com, ./stripeJs.ts), so
 * that no card number ever reaches Outmerge; `read()` then answers the PaymentMethod id.
 */
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { createContext, forwardRef, useContext, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { ClientConfig } from '#shared/api/clientConfig.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { authenticatePayment, mountCardField } from './stripeJs.js';

const useStyles = makeStyles({
  /** Stripe's card frame, drawn like a Fluent input around it. */
  stripeFrame: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalMNudge}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minHeight: '20px',
  },
});

export const PaymentsContext = createContext<ClientConfig['payments']>({ provider: 'simulated' });

export interface CardFieldHandle {
  /** What the API takes as `card`: the typed test card, or Stripe's PaymentMethod id. */
  read(): Promise<string>;
}

interface CardFieldProps {
  label: string;
  hint?: string;
  testId: string;
  value: string;
  onChange(value: string): void;
  /** Shown only once the buyer tried to pay (the caller decides when). */
  validationMessage?: string | undefined;
}

export const CardField = forwardRef<CardFieldHandle, CardFieldProps>(function CardField(
  { label, hint, testId, value, onChange, validationMessage },
  ref,
) {
  const payments = useContext(PaymentsContext);
  const { locale } = useI18n();
  const styles = useStyles();
  const frame = useRef<HTMLDivElement>(null);
  const stripeCard = useRef<{ paymentMethod(): Promise<string>; destroy(): void } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const publishableKey = payments.provider === 'stripe' ? payments.publishableKey : null;

  useEffect(() => {
    if (!publishableKey || !frame.current) return;
    let mounted: { destroy(): void } | null = null;
    let cancelled = false;
    mountCardField(publishableKey, frame.current, locale).then(
      (card) => {
        if (cancelled) return card.destroy();
        mounted = card;
        stripeCard.current = card;
      },
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
      mounted?.destroy();
      stripeCard.current = null;
    };
  }, [publishableKey, locale]);

  useImperativeHandle(ref, () => ({
    async read() {
      if (!publishableKey) return value;
      if (!stripeCard.current) throw new Error(loadError ?? 'The card form is still loading.');
      return stripeCard.current.paymentMethod();
    },
  }));

  const message = loadError ?? validationMessage;
  return (
    <Field label={label} hint={hint} validationState={message ? 'error' : 'none'} validationMessage={message}>
      {publishableKey ? (
        <div ref={frame} data-testid={testId} className={styles.stripeFrame} />
      ) : (
        <Input
          value={value}
          onChange={(_, data) => onChange(data.value)}
          inputMode="numeric"
          autoComplete="cc-number"
          data-testid={testId}
          placeholder="4242 4242 4242 4242"
        />
      )}
    </Field>
  );
});

/** The bank's confirmation: Stripe.js shows it (the server reads the outcome); the simulated provider asks the buyer to approve or decline. */
export function usePaymentAuthentication(): ((clientSecret: string | undefined) => Promise<boolean>) | null {
  const payments = useContext(PaymentsContext);
  if (payments.provider !== 'stripe') return null;
  return async (clientSecret) => {
    if (!clientSecret) return false;
    await authenticatePayment(payments.publishableKey, clientSecret);
    return true;
  };
}
