/**
 * Billing (B4): invoices with a printable view, the payment method with replace, and paying the
 * open invoice when a renewal failed (past due or expired). Shown only with `billing.view`.
 */
import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BillingSummaryView, InvoiceView } from '../../../shared/src/api/views.js';
import { formatDate, formatMoney } from '../../../shared/src/i18n/translate.js';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CardField, usePaymentAuthentication, type CardFieldHandle } from './CardField.js';
import { errorText } from './errorText.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';

export function BillingTab({ api, subscription, onChanged }: { api: PortalApi; subscription: SubscriptionSummary; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const [summary, setSummary] = useState<BillingSummaryView | null>(null);
  const [invoices, setInvoices] = useState<InvoiceView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [card, setCard] = useState('');
  const [payCard, setPayCard] = useState('');
  const [busy, setBusy] = useState(false);
  const [action, setAction] = useState<string | null>(null);
  const payKey = useRef<{ body: string; key: string } | null>(null);
  const canManage = subscription.actions.includes('billing.manage');
  const newCard = useRef<CardFieldHandle>(null);
  const stripeCards = usePaymentAuthentication() !== null;

  const load = useCallback(() => {
    Promise.all([api.billing(subscription.id), api.invoices(subscription.id)]).then(
      ([s, list]) => {
        setSummary(s);
        setInvoices(list.invoices);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [api, subscription.id, t]);
  useEffect(load, [load, subscription.status, subscription.quantity]);

  if (!summary || !invoices) return error ? <Feedback error={error} /> : <Spinner label={t('common.loading')} />;
  const money = (minor: number, currency = summary.currency) => formatMoney(minor, currency, locale);
  const open = summary.openInvoice;

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      load();
      onChanged();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const pay = () =>
    run(async () => {
      if (!open) return null;
      const body = JSON.stringify([open.id, payCard.trim()]);
      if (payKey.current?.body !== body) payKey.current = { body, key: crypto.randomUUID() };
      const result = await api.payInvoice(subscription.id, open.id, payCard.trim() || null, payKey.current.key);
      if (result.status === 'requires_action') {
        setAction(result.actionId);
        return null;
      }
      setPayCard('');
      return t('billing.paid');
    });

  const authenticate = (approved: boolean) =>
    run(async () => {
      if (!action) return null;
      const id = action;
      setAction(null);
      await api.completePayment(id, approved);
      setPayCard('');
      return t('billing.paid');
    });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="billing-tab">
      {open && (summary.status === 'past_due' || summary.status === 'expired') && (
        <MessageBar intent={summary.status === 'expired' ? 'error' : 'warning'}>
          <MessageBarBody data-testid="billing-open-invoice">
            {summary.status === 'expired'
              ? t('billing.expired', { number: open.number, amount: money(open.totalMinor, open.currency) })
              : t('billing.pastDue', { number: open.number, amount: money(open.totalMinor, open.currency), date: formatDate(Date.parse(summary.graceUntil ?? summary.periodEnd), locale) })}
          </MessageBarBody>
        </MessageBar>
      )}
      {open && canManage && !action && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
          <Field label={t('billing.payWith')} hint={t('checkout.cardHint')} style={{ flex: '1 1 320px' }}>
            <Input value={payCard} onChange={(_, d) => setPayCard(d.value)} inputMode="numeric" autoComplete="cc-number" data-testid="pay-card" placeholder="4242 4242 4242 4242" />
          </Field>
          <Button appearance="primary" disabled={busy} onClick={() => void pay()} data-testid="pay-invoice">
            {t('billing.pay', { amount: money(open.totalMinor, open.currency) })}
          </Button>
        </div>
      )}
      {action && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="authenticate">
          <Text weight="semibold">{t('checkout.authTitle')}</Text>
          <Caption1>{t('checkout.authSimulated')}</Caption1>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button appearance="primary" disabled={busy} onClick={() => void authenticate(true)} data-testid="auth-approve">
              {t('checkout.authApprove')}
            </Button>
            <Button disabled={busy} onClick={() => void authenticate(false)} data-testid="auth-decline">
              {t('checkout.authDecline')}
            </Button>
          </div>
        </div>
      )}
      <Feedback error={error} notice={notice} testId="billing" />

      <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        <Text weight="semibold">{t('billing.paymentMethod')}</Text>
        <Text data-testid="payment-method">{summary.paymentMethod ? t('billing.card', { brand: summary.paymentMethod.brand.toUpperCase(), last4: summary.paymentMethod.last4 }) : t('billing.noCard')}</Text>
        {summary.status !== 'cancelled' && <Caption1>{t('billing.nextRenewal', { date: formatDate(Date.parse(summary.periodEnd), locale), amount: money(summary.recurringMinor) })}</Caption1>}
        {summary.creditMinor > 0 && <Caption1>{t('billing.credit', { amount: money(summary.creditMinor) })}</Caption1>}
        {canManage && !replacing && (
          <Button style={{ alignSelf: 'flex-start' }} onClick={() => setReplacing(true)} data-testid="replace-card">
            {t('billing.replace')}
          </Button>
        )}
        {canManage && replacing && (
          <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
            <div style={{ flex: '1 1 320px' }}>
              <CardField ref={newCard} label={t('checkout.card')} hint={t('checkout.cardHint')} testId="new-card" value={card} onChange={setCard} />
            </div>
            <Button
              appearance="primary"
              disabled={busy || (!stripeCards && card.trim() === '')}
              data-testid="save-card"
              onClick={() =>
                void run(async () => {
                  await api.replacePaymentMethod(subscription.id, (await newCard.current?.read()) ?? card);
                  setReplacing(false);
                  setCard('');
                  return t('billing.cardSaved');
                })
              }
            >
              {t('billing.saveCard')}
            </Button>
            <Button onClick={() => setReplacing(false)}>{t('common.cancel')}</Button>
          </div>
        )}
      </div>

      <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        <Text weight="semibold">{t('billing.invoices')}</Text>
        {invoices.length === 0 ? (
          <Caption1>{t('billing.noInvoices')}</Caption1>
        ) : (
          <Table size="small" data-testid="invoices" aria-label={t('billing.invoices')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('billing.number')}</TableHeaderCell>
                <TableHeaderCell>{t('billing.date')}</TableHeaderCell>
                <TableHeaderCell>{t('billing.kind')}</TableHeaderCell>
                <TableHeaderCell>{t('billing.amount')}</TableHeaderCell>
                <TableHeaderCell>{t('billing.status')}</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {invoices.map((invoice) => (
                <TableRow key={invoice.id}>
                  <TableCell>{invoice.number}</TableCell>
                  <TableCell>{formatDate(Date.parse(invoice.issuedAt), locale)}</TableCell>
                  <TableCell>{t(`billing.kind.${invoice.kind}`)}</TableCell>
                  <TableCell>{money(invoice.totalMinor, invoice.currency)}</TableCell>
                  <TableCell>{t(invoice.status === 'paid' ? 'invoice.status.paid' : 'invoice.status.open')}</TableCell>
                  <TableCell>
                    <Button size="small" appearance="subtle" onClick={() => void api.openInvoice(subscription.id, invoice.id, locale).catch((e: unknown) => setError(errorText(e, t)))} data-testid={`invoice-${invoice.number}`}>
                      {t('billing.view')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </div>
  );
}
