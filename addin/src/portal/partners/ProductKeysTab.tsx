/**
 * P4: buy product keys (plan, seats, term, how many) with a card through a checkout-like form; the
 * keys are shown once, with a copy button and a clear warning to save them; the list shows each
 * key's last group and whether it was redeemed.
 */
import { message } from '#shared/i18n/message.js';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  TableCell,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { PartnerView } from '#shared/api/views.js';
import { withTaxMinor } from '#shared/billing/invoiceMath.js';
import { productKeysMinor, tiersTotalMinor } from '#shared/billing/pricing.js';
import { formatDate, formatMoney, type MessageKey } from '#shared/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { CellLines, ListTable } from '../../components/ListTable.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { BankConfirmation } from '../BankConfirmation.js';
import { useAsyncAction } from '../useAsyncAction.js';
import { PlanField } from './PlanField.js';
import type { PaymentWaiting, PortalApi, ProductKeyPurchase } from '../usePortalApi.js';
import { wholeNumberIn } from '../wholeNumber.js';
import { idempotencyKeys } from '../idempotencyKeys.js';
import { copyText } from './partnerText.js';

const useStyles = makeStyles({
  keys: { fontSize: tokens.fontSizeBase400 },
});

export function ProductKeysTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const buy = partner.actions.includes('keys.buy');
  // Invoices are for those who may buy (owner and full administration).
  const listed = useAsyncAction(
    useCallback(async () => {
      const [keys, invoices] = await Promise.all([
        api.productKeys(partner.id),
        buy ? api.partnerInvoices(partner.id) : null,
      ]);
      return { keys, invoices };
    }, [api, partner.id, buy]),
  );
  const { data: catalog, error: catalogError } = useAsyncAction(useCallback(() => api.catalog(), [api]));
  const [bought, setBought] = useState<ProductKeyPurchase | null>(null);
  /** A purchase waiting for the bank's confirmation. */
  const [waiting, setWaiting] = useState<PaymentWaiting | null>(null);
  const [plan, setPlan] = useState('monthly');
  const [seats, setSeats] = useState('5');
  const [term, setTerm] = useState('12');
  const [count, setCount] = useState('1');
  const [card, setCard] = useState('');
  const keyFor = useMemo(idempotencyKeys, []);

  const seatCount = wholeNumberIn(seats, 1, 10000);
  const termPeriods = wholeNumberIn(term, 1, 36);
  const keyCount = wholeNumberIn(count, 1, 100);
  const planView = catalog?.plans.find((p) => p.id === plan);
  // The batch's price as the server charges it: seats' graduated price × term × keys, tax on top.
  const total =
    planView && catalog && seatCount !== null && termPeriods !== null && keyCount !== null
      ? withTaxMinor(
          productKeysMinor(tiersTotalMinor(planView.tiers, seatCount), { termPeriods, count: keyCount }).subtotalMinor,
          catalog.taxRateBp,
        )
      : null;
  const valid = total !== null && card.trim() !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || seatCount === null || termPeriods === null || keyCount === null) return;
    const body = { plan, seats: seatCount, termPeriods, count: keyCount, card: card.trim() };
    void listed.run(async () => {
      const result = await api.buyProductKeys(partner.id, body, keyFor(body));
      if ('actionId' in result) setWaiting(result);
      else setBought(result);
      setCard('');
    });
  };

  /** The simulated bank's answer; a real provider shows its own confirmation step. */
  const confirm = (approved: boolean) => {
    if (!waiting) return;
    void listed.run(
      async () => {
        setBought(await api.completeKeyPurchase(waiting.actionId, approved));
        setWaiting(null);
      },
      { onError: () => setWaiting(null) },
    );
  };

  const copy = async (text: string) =>
    listed.say(message((await copyText(text)) ? 'partners.keys.copied' : 'partners.offers.copyFailed'));
  const { keys, invoices } = listed.data ?? { keys: null, invoices: null };
  const termText = (planId: string, periods: number) =>
    t(
      catalog?.plans.find((p) => p.id === planId)?.interval === 'year'
        ? 'partners.keys.termYears'
        : 'partners.keys.termMonths',
      { count: periods },
    );

  return (
    <section className={layout.stackM} aria-label={t('partners.tab.keys')} data-testid="partner-keys">
      <Caption1>{t('partners.keys.explain')}</Caption1>
      <Feedback error={listed.error ?? catalogError} notice={listed.notice} testId="keys" />
      {waiting && (
        <BankConfirmation
          amount={{ minor: waiting.amountMinor, currency: waiting.currency }}
          busy={listed.busy}
          onAnswer={confirm}
          testIdPrefix="keys-"
        />
      )}
      {bought && (
        <MessageBar intent="warning" layout="multiline" data-testid="keys-bought">
          <MessageBarBody className={layout.stackS}>
            <MessageBarTitle>{t('partners.keys.saveNow')}</MessageBarTitle>
            <Caption1>
              {t('partners.keys.boughtSummary', {
                count: bought.keys.length,
                amount: formatMoney(bought.amountMinor, bought.currency, locale),
              })}
            </Caption1>
            {bought.keysShownOnce && <Caption1>{t('partners.keys.alreadyShown')}</Caption1>}
            {bought.emailedTo && (
              <Caption1 data-testid="keys-emailed">{t('partners.keys.emailed', { email: bought.emailedTo })}</Caption1>
            )}
            <ul className={mergeClasses(layout.list, layout.mono, styles.keys)} data-testid="new-keys">
              {bought.keys.map((key) => (
                <li key={key}>{key}</li>
              ))}
            </ul>
            <Button onClick={() => void copy(bought.keys.join('\n'))} className={layout.start} data-testid="copy-keys">
              {t('partners.keys.copy', { count: bought.keys.length })}
            </Button>
            <Button appearance="subtle" onClick={() => setBought(null)} className={layout.start}>
              {t('partners.keys.saved')}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {buy && (
        <form
          onSubmit={(e) => void submit(e)}
          className={mergeClasses(layout.stackS, layout.wide)}
          aria-labelledby="buy-keys-heading"
        >
          <Text as="h3" weight="semibold" id="buy-keys-heading">
            {t('partners.keys.buy')}
          </Text>
          <div className={layout.rowWrapM}>
            <PlanField plans={catalog?.plans ?? []} value={plan} onChange={setPlan} testId="key-plan" />
            <Field
              label={t('partners.keys.seats')}
              validationState={seatCount === null ? 'error' : 'none'}
              validationMessage={seatCount === null ? t('partners.offers.seatsInvalid', { max: 10000 }) : undefined}
            >
              <Input
                type="number"
                min={1}
                max={10000}
                value={seats}
                onChange={(_, d) => setSeats(d.value)}
                data-testid="key-seats"
              />
            </Field>
            <Field
              label={t(planView?.interval === 'year' ? 'partners.keys.termInYears' : 'partners.keys.termInMonths')}
              validationState={termPeriods === null ? 'error' : 'none'}
              validationMessage={termPeriods === null ? t('partners.keys.termInvalid') : undefined}
            >
              <Input
                type="number"
                min={1}
                max={36}
                value={term}
                onChange={(_, d) => setTerm(d.value)}
                data-testid="key-term"
              />
            </Field>
            <Field
              label={t('partners.keys.count')}
              validationState={keyCount === null ? 'error' : 'none'}
              validationMessage={keyCount === null ? t('partners.keys.countInvalid') : undefined}
            >
              <Input
                type="number"
                min={1}
                max={100}
                value={count}
                onChange={(_, d) => setCount(d.value)}
                data-testid="key-count"
              />
            </Field>
          </div>
          {total !== null && catalog && (
            <Text data-testid="keys-total">
              {t('partners.keys.total', { amount: formatMoney(total, catalog.currency, locale) })}
            </Text>
          )}
          <Field label={t('partners.keys.card')} hint={t('partners.keys.cardHint')}>
            <Input
              value={card}
              onChange={(_, d) => setCard(d.value)}
              autoComplete="cc-number"
              inputMode="numeric"
              data-testid="key-card"
            />
          </Field>
          <Button
            appearance="primary"
            type="submit"
            disabled={listed.busy || !valid}
            className={layout.start}
            data-testid="buy-keys"
          >
            {total !== null && catalog
              ? t('partners.keys.pay', { amount: formatMoney(total, catalog.currency, locale) })
              : t('partners.keys.buy')}
          </Button>
        </form>
      )}
      <Text as="h3" weight="semibold">
        {t('partners.keys.list')}
      </Text>
      {keys && keys.length === 0 && <Caption1 data-testid="keys-empty">{t('partners.keys.empty')}</Caption1>}
      {keys && keys.length > 0 && (
        <ListTable
          label={t('partners.keys.list')}
          testId="keys-table"
          columns={[
            t('partners.keys.key'),
            t('partners.offers.what'),
            t('partners.requests.state'),
            t('partners.keys.bought'),
          ]}
          items={keys}
          rowKey={(key) => key.id}
          row={(key) => (
            <>
              <TableCell className={layout.mono}>…-{key.hint}</TableCell>
              <TableCell>
                {t('partners.offers.planSeats', { plan: t(`plan.${key.plan}` as MessageKey), quantity: key.seats })} ·{' '}
                {termText(key.plan, key.termPeriods)}
              </TableCell>
              <TableCell>
                <CellLines
                  text={
                    <Badge
                      appearance="tint"
                      color={key.status === 'unused' ? 'success' : 'subtle'}
                      data-testid="key-status"
                    >
                      {t(`partners.keys.status.${key.status}` as MessageKey)}
                    </Badge>
                  }
                  detail={
                    key.redeemedAt
                      ? t('partners.keys.redeemedOn', { date: formatDate(Date.parse(key.redeemedAt), locale) })
                      : t('partners.keys.validUntil', { date: formatDate(Date.parse(key.expiresAt), locale) })
                  }
                />
              </TableCell>
              <TableCell>{formatDate(Date.parse(key.createdAt), locale)}</TableCell>
            </>
          )}
        />
      )}
      {buy && invoices && invoices.length > 0 && (
        <ListTable
          label={t('partners.keys.invoices')}
          testId="partner-invoices"
          columns={[t('partners.keys.invoiceNumber'), t('partners.keys.bought'), t('partners.keys.invoiceTotal'), '']}
          items={invoices}
          rowKey={(invoice) => invoice.id}
          row={(invoice) => (
            <>
              <TableCell>{invoice.number}</TableCell>
              <TableCell>{formatDate(Date.parse(invoice.issuedAt), locale)}</TableCell>
              <TableCell>{formatMoney(invoice.totalMinor, invoice.currency, locale)}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  onClick={() =>
                    void listed.run(() => api.openPartnerInvoice(partner.id, invoice.id, locale), { reload: false })
                  }
                  aria-label={t('partners.keys.printInvoice', { number: invoice.number })}
                >
                  {t('partners.keys.print')}
                </Button>
              </TableCell>
            </>
          )}
        />
      )}
    </section>
  );
}
