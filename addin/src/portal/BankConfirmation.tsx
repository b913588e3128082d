/**
 * The step where the buyer's bank asks them to confirm a payment (3-D Secure), for every payment
 * the portal makes: checkout, an open invoice, an offer, product keys. The simulated provider
 * confirms here; a real provider shows its own page instead.
 */
import { Button, Caption1, Card, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { formatMoney } from '#shared/i18n/translate.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** `testIdPrefix`: the screen's prefix for the step and its buttons ("keys-" gives keys-authenticate, keys-auth-approve). */
export function BankConfirmation(props: {
  amount: { minor: number; currency: string } | null;
  busy: boolean;
  onAnswer: (approved: boolean) => void;
  testIdPrefix?: string;
  children?: ReactNode;
}) {
  const { amount, busy, onAnswer, testIdPrefix = '', children } = props;
  const { t, locale } = useI18n();
  const layout = useLayout();
  return (
    <Card appearance="outline" className={layout.padded} data-testid={`${testIdPrefix}authenticate`}>
      <Text weight="semibold">{t('checkout.authTitle')}</Text>
      {amount && <Text>{t('checkout.authText', { amount: formatMoney(amount.minor, amount.currency, locale) })}</Text>}
      <Caption1>{t('checkout.authSimulated')}</Caption1>
      {children}
      <div className={layout.row}>
        <Button
          appearance="primary"
          disabled={busy}
          onClick={() => onAnswer(true)}
          data-testid={`${testIdPrefix}auth-approve`}
        >
          {t('checkout.authApprove')}
        </Button>
        <Button disabled={busy} onClick={() => onAnswer(false)} data-testid={`${testIdPrefix}auth-decline`}>
          {t('checkout.authDecline')}
        </Button>
      </div>
    </Card>
  );
}
