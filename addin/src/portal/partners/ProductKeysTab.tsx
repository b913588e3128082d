/**
 * P4: buy product keys (plan, seats, term, how many) with a card through a checkout-like form; the
 * keys are shown once, with a copy button and a clear warning to save them; the list shows each
 * key's last group and whether it was redeemed.
 */
import { Badge, Button, Caption1, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { PartnerView, PlanCatalogView, ProductKeyView } from '../../../../shared/src/api/views.js';
import { withTaxMinor } from '../../../../shared/src/billing/invoiceMath.js';
import { productKeysMinor, tiersTotalMinor } from '../../../../shared/src/billing/pricing.js';
import { formatDate, formatMoney, type MessageKey } from '../../../../shared/src/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PaymentWaiting, PortalApi, ProductKeyPurchase } from '../usePortalApi.js';
import { copyText, idempotencyKeys } from './partnerText.js';
import type { PartnerInvoiceView } from '../../../../shared/src/api/views.js';

const wholeIn = (text: string, min: number, max: number): number | null => (/^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max ? Number(text) : null);

export function ProductKeysTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const buy = partner.actions.includes('keys.buy');
  const [keys, setKeys] = useState<ProductKeyView[] | null>(null);
  const [catalog, setCatalog] = useState<PlanCatalogView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [bought, setBought] = useState<ProductKeyPurchase | null>(null);
  /** A purchase waiting for the bank's confirmation. */
  const [waiting, setWaiting] = useState<PaymentWaiting | null>(null);
  const [plan, setPlan] = useState('monthly');
  const [seats, setSeats] = useState('5');
  const [term, setTerm] = useState('12');
  const [count, setCount] = useState('1');
  const [card, setCard] = useState('');
  const [busy, setBusy] = useState(false);
  const keyFor = useMemo(idempotencyKeys, []);

  const [invoices, setInvoices] = useState<PartnerInvoiceView[] | null>(null);
  const load = useCallback(() => {
    api.productKeys(partner.id).then(setKeys, (e: unknown) => setError(errorText(e, t)));
    // Invoices are for those who may buy (owner and full administration).
    if (buy) api.partnerInvoices(partner.id).then(setInvoices, (e: unknown) => setError(errorText(e, t)));
  }, [api, partner.id, t, buy]);
  useEffect(load, [load]);
  useEffect(() => {
    api.catalog().then(setCatalog, (e: unknown) => setError(errorText(e, t)));
  }, [api, t]);

  const seatCount = wholeIn(seats, 1, 10000);
  const termPeriods = wholeIn(term, 1, 36);
  const keyCount = wholeIn(count, 1, 100);
  const planView = catalog?.plans.find((p) => p.id === plan);
  // The batch's price as the server charges it: seats' graduated price × term × keys, tax on top.
  const total =
    planView && catalog && seatCount !== null && termPeriods !== null && keyCount !== null
      ? withTaxMinor(productKeysMinor(tiersTotalMinor(planView.tiers, seatCount), { termPeriods, count: keyCount }).subtotalMinor, catalog.taxRateBp)
      : null;
  const valid = total !== null && card.trim() !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || seatCount === null || termPeriods === null || keyCount === null) return;
    const body = { plan, seats: seatCount, termPeriods, count: keyCount, card: card.trim() };
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await api.buyProductKeys(partner.id, body, keyFor(body));
      if ('actionId' in result) setWaiting(result);
      else {
        setBought(result);
        load();
      }
      setCard('');
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  /** The simulated bank's answer; a real provider shows its own confirmation step. */
  const confirm = async (approved: boolean) => {
    if (!waiting) return;
    setBusy(true);
    setError(null);
    try {
      setBought(await api.completeKeyPurchase(waiting.actionId, approved));
      setWaiting(null);
      load();
    } catch (e) {
      setWaiting(null);
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string) => setNotice(t((await copyText(text)) ? 'partners.keys.copied' : 'partners.offers.copyFailed'));
  const termText = (planId: string, periods: number) => t(catalog?.plans.find((p) => p.id === planId)?.interval === 'year' ? 'partners.keys.termYears' : 'partners.keys.termMonths', { count: periods });

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-label={t('partners.tab.keys')} data-testid="partner-keys">
      <Caption1>{t('partners.keys.explain')}</Caption1>
      <Feedback error={error} notice={notice} testId="keys" />
      {waiting && (
        <MessageBar intent="info" layout="multiline" data-testid="keys-authenticate">
          <MessageBarBody style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            <MessageBarTitle>{t('checkout.authTitle')}</MessageBarTitle>
            <Text>{t('checkout.authText', { amount: formatMoney(waiting.amountMinor, waiting.currency, locale) })}</Text>
            <Caption1>{t('checkout.authSimulated')}</Caption1>
            <div style={{ display: 'flex', gap: 8 }}>
              <Button appearance="primary" disabled={busy} onClick={() => void confirm(true)} data-testid="keys-auth-approve">
                {t('checkout.authApprove')}
              </Button>
              <Button disabled={busy} onClick={() => void confirm(false)} data-testid="keys-auth-decline">
                {t('checkout.authDecline')}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {bought && (
        <MessageBar intent="warning" layout="multiline" data-testid="keys-bought">
          <MessageBarBody style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <MessageBarTitle>{t('partners.keys.saveNow')}</MessageBarTitle>
            <Caption1>{t('partners.keys.boughtSummary', { count: bought.keys.length, amount: formatMoney(bought.amountMinor, bought.currency, locale) })}</Caption1>
            {bought.keysShownOnce && <Caption1>{t('partners.keys.alreadyShown')}</Caption1>}
            {bought.emailedTo && <Caption1 data-testid="keys-emailed">{t('partners.keys.emailed', { email: bought.emailedTo })}</Caption1>}
            <ul style={{ margin: 0, paddingLeft: 16, fontFamily: 'monospace', fontSize: 15 }} data-testid="new-keys">
              {bought.keys.map((key) => (
                <li key={key}>{key}</li>
              ))}
            </ul>
            <Button onClick={() => void copy(bought.keys.join('\n'))} style={{ alignSelf: 'flex-start' }} data-testid="copy-keys">
              {t('partners.keys.copy', { count: bought.keys.length })}
            </Button>
            <Button appearance="subtle" onClick={() => setBought(null)} style={{ alignSelf: 'flex-start' }}>
              {t('partners.keys.saved')}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {buy && (
        <form onSubmit={(e) => void submit(e)} style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 720 }} aria-labelledby="buy-keys-heading">
          <Text as="h3" weight="semibold" id="buy-keys-heading">
            {t('partners.keys.buy')}
          </Text>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Field label={t('partners.offers.plan')}>
              <Select value={plan} onChange={(_, d) => setPlan(d.value)} data-testid="key-plan">
                {(catalog?.plans ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {t(`plan.${p.id}` as MessageKey)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('partners.keys.seats')} validationState={seatCount === null ? 'error' : 'none'} validationMessage={seatCount === null ? t('partners.offers.seatsInvalid') : undefined}>
              <Input type="number" min={1} max={10000} value={seats} onChange={(_, d) => setSeats(d.value)} data-testid="key-seats" />
            </Field>
            <Field label={t(planView?.interval === 'year' ? 'partners.keys.termInYears' : 'partners.keys.termInMonths')} validationState={termPeriods === null ? 'error' : 'none'} validationMessage={termPeriods === null ? t('partners.keys.termInvalid') : undefined}>
              <Input type="number" min={1} max={36} value={term} onChange={(_, d) => setTerm(d.value)} data-testid="key-term" />
            </Field>
            <Field label={t('partners.keys.count')} validationState={keyCount === null ? 'error' : 'none'} validationMessage={keyCount === null ? t('partners.keys.countInvalid') : undefined}>
              <Input type="number" min={1} max={100} value={count} onChange={(_, d) => setCount(d.value)} data-testid="key-count" />
            </Field>
          </div>
          {total !== null && catalog && <Text data-testid="keys-total">{t('partners.keys.total', { amount: formatMoney(total, catalog.currency, locale) })}</Text>}
          <Field label={t('partners.keys.card')} hint={t('partners.keys.cardHint')}>
            <Input value={card} onChange={(_, d) => setCard(d.value)} autoComplete="cc-number" inputMode="numeric" data-testid="key-card" />
          </Field>
          <Button appearance="primary" type="submit" disabled={busy || !valid} style={{ alignSelf: 'flex-start' }} data-testid="buy-keys">
            {total !== null && catalog ? t('partners.keys.pay', { amount: formatMoney(total, catalog.currency, locale) }) : t('partners.keys.buy')}
          </Button>
        </form>
      )}
      <Text as="h3" weight="semibold">
        {t('partners.keys.list')}
      </Text>
      {keys && keys.length === 0 && <Caption1 data-testid="keys-empty">{t('partners.keys.empty')}</Caption1>}
      {keys && keys.length > 0 && (
        <Table aria-label={t('partners.keys.list')} size="small" data-testid="keys-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('partners.keys.key')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.offers.what')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.requests.state')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.keys.bought')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id}>
                <TableCell style={{ fontFamily: 'monospace' }}>…-{key.hint}</TableCell>
                <TableCell>
                  {t('partners.offers.planSeats', { plan: t(`plan.${key.plan}` as MessageKey), quantity: key.seats })} · {termText(key.plan, key.termPeriods)}
                </TableCell>
                <TableCell>
                  <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
                    <Badge appearance="tint" color={key.status === 'unused' ? 'success' : 'subtle'} data-testid="key-status">
                      {t(`partners.keys.status.${key.status}` as MessageKey)}
                    </Badge>
                    <Caption1>
                      {key.redeemedAt ? t('partners.keys.redeemedOn', { date: formatDate(Date.parse(key.redeemedAt), locale) }) : t('partners.keys.validUntil', { date: formatDate(Date.parse(key.expiresAt), locale) })}
                    </Caption1>
                  </div>
                </TableCell>
                <TableCell>{formatDate(Date.parse(key.createdAt), locale)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {buy && invoices !== null && invoices.length > 0 && (
        <Table aria-label={t('partners.keys.invoices')} size="small" data-testid="partner-invoices">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('partners.keys.invoiceNumber')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.keys.bought')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.keys.invoiceTotal')}</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {invoices.map((invoice) => (
              <TableRow key={invoice.id}>
                <TableCell>{invoice.number}</TableCell>
                <TableCell>{formatDate(Date.parse(invoice.issuedAt), locale)}</TableCell>
                <TableCell>{formatMoney(invoice.totalMinor, invoice.currency, locale)}</TableCell>
                <TableCell>
                  <Button size="small" onClick={() => void api.openPartnerInvoice(partner.id, invoice.id, locale).catch((e: unknown) => setError(errorText(e, t)))} aria-label={t('partners.keys.printInvoice', { number: invoice.number })}>
                    {t('partners.keys.print')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
