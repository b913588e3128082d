/**
 * Billing (B4): invoices with a printable view and a PDF, credit notes (refunds and credits given
 * back, each naming the invoice it corrects), the payment method with replace, the billing
 * details invoices name (./BillingProfileForm.tsx), and paying the open invoice when a renewal
 * failed (past due or expired). Shown only with `billing.view`.
 */
import { message, type Message } from '#shared/i18n/message.js';
import {
  Button,
  Caption1,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  TableCell,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { useCallback, useMemo, useRef, useState } from 'react';
import { takesChanges } from '#shared/billing/subscriptionState.js';
import { formatDate, formatMoney } from '#shared/i18n/translate.js';
import { Feedback, Loading } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { ListTable } from '../components/ListTable.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { BankConfirmation } from './BankConfirmation.js';
import { BillingProfileForm } from './BillingProfileForm.js';
import { CardField, usePaymentAuthentication, type CardFieldHandle } from './CardField.js';
import { idempotencyKeys } from './idempotencyKeys.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';

const useStyles = makeStyles({
  cardField: { flex: '1 1 320px' },
});

export function BillingTab({
  api,
  subscription,
  onChanged,
}: {
  api: PortalApi;
  subscription: SubscriptionSummary;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  // Read again when the page's subscription changes (a quantity change, a payment): new invoices, another status.
  const billing = useAsyncAction(
    useCallback(async () => {
      const [summary, list, notes] = await Promise.all([
        api.billing(subscription.id),
        api.invoices(subscription.id),
        api.creditNotes(subscription.id),
      ]);
      return { summary, invoices: list.invoices, creditNotes: notes.creditNotes };
    }, [api, subscription.id]),
    { reloadKey: `${subscription.status}/${subscription.quantity}` },
  );
  const [replacing, setReplacing] = useState(false);
  const [card, setCard] = useState('');
  const [payCard, setPayCard] = useState('');
  const [action, setAction] = useState<string | null>(null);
  const payKey = useMemo(idempotencyKeys, []);
  const canManage = subscription.actions.includes('billing.manage');
  // An ended subscription takes no new card or billing details (the API refuses them too); its open invoice can still be paid.
  const canChange = canManage && takesChanges(subscription.status);
  const newCard = useRef<CardFieldHandle>(null);
  const stripeCards = usePaymentAuthentication() !== null;

  if (!billing.data) return <Loading error={billing.error} />;
  const { summary, invoices, creditNotes } = billing.data;
  const money = (minor: number, currency = summary.currency) => formatMoney(minor, currency, locale);
  const open = summary.openInvoice;
  /** The invoice a credit note corrects, opened from its row like the invoice's own "View and print". */
  const corrected = (number: string) => invoices.find((invoice) => invoice.number === number);
  const busy = billing.busy;

  /** Every change here may change the subscription (status, period), so the page reads it again too. */
  const run = (work: () => Promise<Message | null>) =>
    billing.run(work, { notice: (done) => done }).then((done) => done && onChanged());

  const pay = () =>
    run(async () => {
      if (!open) return null;
      const result = await api.payInvoice(
        subscription.id,
        open.id,
        payCard.trim() || null,
        payKey([open.id, payCard.trim()]),
      );
      if (result.status === 'requires_action') {
        setAction(result.actionId);
        return null;
      }
      setPayCard('');
      return message('billing.paid');
    });

  const authenticate = (approved: boolean) =>
    run(async () => {
      if (!action) return null;
      const id = action;
      setAction(null);
      await api.completePayment(id, approved);
      setPayCard('');
      return message('billing.paid');
    });

  return (
    <div className={layout.stackL} data-testid="billing-tab">
      {open && (summary.status === 'past_due' || summary.status === 'expired') && (
        <MessageBar intent={summary.status === 'expired' ? 'error' : 'warning'}>
          <MessageBarBody data-testid="billing-open-invoice">
            {summary.status === 'expired'
              ? t('billing.expired', { number: open.number, amount: money(open.totalMinor, open.currency) })
              : t('billing.pastDue', {
                  number: open.number,
                  amount: money(open.totalMinor, open.currency),
                  date: formatDate(Date.parse(summary.graceUntil ?? summary.periodEnd), locale),
                })}
          </MessageBarBody>
        </MessageBar>
      )}
      {open && canManage && !action && (
        <div className={layout.fieldsRow}>
          <Field label={t('billing.payWith')} hint={t('checkout.cardHint')} className={styles.cardField}>
            <Input
              value={payCard}
              onChange={(_, d) => setPayCard(d.value)}
              inputMode="numeric"
              autoComplete="cc-number"
              data-testid="pay-card"
              placeholder="4242 4242 4242 4242"
            />
          </Field>
          <Button appearance="primary" disabled={busy} onClick={() => void pay()} data-testid="pay-invoice">
            {t('billing.pay', { amount: money(open.totalMinor, open.currency) })}
          </Button>
        </div>
      )}
      {action && (
        <BankConfirmation
          amount={open && { minor: open.totalMinor, currency: open.currency }}
          busy={busy}
          onAnswer={(approved) => void authenticate(approved)}
        />
      )}
      <Feedback error={billing.error} notice={billing.notice} testId="billing" />

      <div className={layout.stackXS}>
        <Text weight="semibold">{t('billing.paymentMethod')}</Text>
        <Text data-testid="payment-method">
          {summary.paymentMethod
            ? t('billing.card', {
                brand: summary.paymentMethod.brand.toUpperCase(),
                last4: summary.paymentMethod.last4,
              })
            : t('billing.noCard')}
        </Text>
        {summary.status !== 'cancelled' && (
          <Caption1>
            {t('billing.nextRenewal', {
              date: formatDate(Date.parse(summary.periodEnd), locale),
              amount: money(summary.recurringMinor),
            })}
          </Caption1>
        )}
        {summary.creditMinor > 0 && <Caption1>{t('billing.credit', { amount: money(summary.creditMinor) })}</Caption1>}
        {canChange && !replacing && (
          <Button className={layout.start} onClick={() => setReplacing(true)} data-testid="replace-card">
            {t('billing.replace')}
          </Button>
        )}
        {canChange && replacing && (
          <div className={layout.fieldsRow}>
            <div className={styles.cardField}>
              <CardField
                ref={newCard}
                label={t('checkout.card')}
                hint={t('checkout.cardHint')}
                testId="new-card"
                value={card}
                onChange={setCard}
              />
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
                  return message('billing.cardSaved');
                })
              }
            >
              {t('billing.saveCard')}
            </Button>
            <Button onClick={() => setReplacing(false)}>{t('common.cancel')}</Button>
          </div>
        )}
      </div>

      {canManage && !canChange && (
        <MessageBar intent="info">
          <MessageBarBody data-testid="billing-ended">
            {t(subscription.status === 'cancelled' ? 'billing.ended.cancelled' : 'billing.ended.expired')}
          </MessageBarBody>
        </MessageBar>
      )}
      <BillingProfileForm api={api} subscriptionId={subscription.id} canManage={canChange} />

      <div className={layout.stackXS}>
        <Text weight="semibold">{t('billing.invoices')}</Text>
        {invoices.length === 0 ? (
          <Caption1>{t('billing.noInvoices')}</Caption1>
        ) : (
          <ListTable
            label={t('billing.invoices')}
            testId="invoices"
            columns={[
              t('billing.number'),
              t('billing.date'),
              t('billing.kind'),
              t('billing.amount'),
              t('billing.status'),
              '',
            ]}
            items={invoices}
            rowKey={(invoice) => invoice.id}
            row={(invoice) => (
              <>
                <TableCell>{invoice.number}</TableCell>
                <TableCell>{formatDate(Date.parse(invoice.issuedAt), locale)}</TableCell>
                <TableCell>{t(`billing.kind.${invoice.kind}`)}</TableCell>
                <TableCell>{money(invoice.totalMinor, invoice.currency)}</TableCell>
                <TableCell>{t(invoice.status === 'paid' ? 'invoice.status.paid' : 'invoice.status.open')}</TableCell>
                <TableCell>
                  <Button
                    size="small"
                    appearance="subtle"
                    onClick={() =>
                      void billing.run(() => api.openInvoice(subscription.id, invoice.id, locale), { reload: false })
                    }
                    data-testid={`invoice-${invoice.number}`}
                  >
                    {t('billing.view')}
                  </Button>
                  <Button
                    size="small"
                    appearance="subtle"
                    onClick={() =>
                      void billing.run(
                        () => api.downloadInvoicePdf(subscription.id, invoice.id, invoice.number, locale),
                        { reload: false },
                      )
                    }
                    aria-label={t('billing.pdfLabel', { number: invoice.number })}
                    data-testid={`invoice-pdf-${invoice.number}`}
                  >
                    {t('billing.pdf')}
                  </Button>
                </TableCell>
              </>
            )}
          />
        )}
      </div>

      {creditNotes.length > 0 && (
        <div className={layout.stackXS}>
          <Text weight="semibold">{t('billing.creditNotes')}</Text>
          <Caption1>{t('billing.creditNotesIntro')}</Caption1>
          <ListTable
            label={t('billing.creditNotes')}
            testId="credit-notes"
            columns={[t('billing.number'), t('billing.date'), t('billing.kind'), t('billing.amount'), '']}
            items={creditNotes}
            rowKey={(note) => note.id}
            row={(note) => (
              <>
                <TableCell>{note.number}</TableCell>
                <TableCell>{formatDate(Date.parse(note.issuedAt), locale)}</TableCell>
                <TableCell>
                  {corrected(note.invoiceNumber) ? (
                    <Link
                      as="button"
                      onClick={() =>
                        void billing.run(
                          () => api.openInvoice(subscription.id, corrected(note.invoiceNumber)!.id, locale),
                          { reload: false },
                        )
                      }
                      data-testid={`credit-note-invoice-${note.number}`}
                    >
                      {t('billing.creditNoteFor', { number: note.invoiceNumber })}
                    </Link>
                  ) : (
                    t('billing.creditNoteFor', { number: note.invoiceNumber })
                  )}
                  {` · ${t(note.kind === 'refund' ? 'billing.creditNoteRefund' : 'billing.creditNoteCredit')}`}
                </TableCell>
                <TableCell>{money(note.totalMinor, note.currency)}</TableCell>
                <TableCell>
                  <Button
                    size="small"
                    appearance="subtle"
                    onClick={() =>
                      void billing.run(() => api.openCreditNote(subscription.id, note.id, locale), { reload: false })
                    }
                    aria-label={t('billing.creditNoteView', { number: note.number })}
                    data-testid={`credit-note-${note.number}`}
                  >
                    {t('billing.view')}
                  </Button>
                  <Button
                    size="small"
                    appearance="subtle"
                    onClick={() =>
                      void billing.run(() => api.downloadCreditNotePdf(subscription.id, note.id, note.number, locale), {
                        reload: false,
                      })
                    }
                    aria-label={t('billing.creditNotePdf', { number: note.number })}
                    data-testid={`credit-note-pdf-${note.number}`}
                  >
                    {t('billing.pdf')}
                  </Button>
                </TableCell>
              </>
            )}
          />
        </div>
      )}
    </div>
  );
}
