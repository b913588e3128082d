/**
 * P2: trial invitations (plan, seats, trial length) and purchase offers (plan, seats, the price per
 * period before tax), each optionally asking for delegated administration, for one customer or
 * many. The link (carrying the advisor code) is shown once, to copy; the list shows each offer's
 * use and lets staff disable or re-enable it.
 */
import { message } from '#shared/i18n/message.js';
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  TableCell,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { OfferView, PartnerView } from '#shared/api/views.js';
import { formatDate, formatMoney, type MessageKey } from '#shared/i18n/translate.js';
import type { Permission } from '#shared/permissions/permissions.js';
import { tiersTotalMinor } from '#shared/billing/pricing.js';
import { Feedback } from '../../components/Feedback.js';
import { CellLines, ListTable } from '../../components/ListTable.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PermissionChecks } from '../DelegatesTab.js';
import { useAsyncAction } from '../useAsyncAction.js';
import { PlanField } from './PlanField.js';
import type { OfferRequestBody, PortalApi } from '../usePortalApi.js';
import { wholeNumberIn } from '../wholeNumber.js';
import { copyText, durationText, permissionsText } from './partnerText.js';
import { offerTitle } from './offerTitle.js';
import { useLayout } from '../../components/layout.js';

const useStyles = makeStyles({
  linkField: { flex: 1, minWidth: 'min(320px, 100%)' },
  /** What the offer asks for, under its checkbox. */
  indented: { paddingLeft: tokens.spacingHorizontalXXL },
});

export function OffersTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const manage = partner.actions.includes('offers.manage');
  const offers = useAsyncAction(useCallback(() => api.offers(partner.id), [api, partner.id]));
  const { data: catalog, error: catalogError } = useAsyncAction(useCallback(() => api.catalog(), [api]));
  const [created, setCreated] = useState<{ offer: OfferView; link: string } | null>(null);
  const [kind, setKind] = useState<'trial' | 'purchase'>('trial');
  const [name, setName] = useState('');
  const [plan, setPlan] = useState('monthly');
  const [quantity, setQuantity] = useState('5');
  const [trialDays, setTrialDays] = useState('14');
  const [oneCustomer, setOneCustomer] = useState(false);
  const [askAdministration, setAskAdministration] = useState(false);
  const [permissions, setPermissions] = useState<Permission[]>(['assign', 'view']);
  const [adminDays, setAdminDays] = useState('365');

  // A trial stays within the vendor's limits (the server refuses more); a purchase offer up to 10,000 seats.
  const maxSeats = kind === 'trial' ? (catalog?.trial.maxSeats ?? 1) : 10000;
  const maxDays = catalog?.trial.maxDays ?? 1;
  const seats = wholeNumberIn(quantity, 1, maxSeats);
  const days = wholeNumberIn(trialDays, 1, maxDays);
  const duration = wholeNumberIn(adminDays, 1, 730);
  const planView = catalog?.plans.find((p) => p.id === plan);
  // A price per period is shown before tax everywhere (as the server prices the offer): the tax depends on the customer's country and VAT number.
  const price = planView && seats !== null && catalog ? tiersTotalMinor(planView.tiers, seats) : null;
  const priceText = (minor: number, currency: string, planId: string) => {
    const interval = catalog?.plans.find((p) => p.id === planId)?.interval ?? 'month';
    return t(interval === 'year' ? 'partners.offers.priceYear' : 'partners.offers.priceMonth', {
      price: formatMoney(minor, currency, locale),
    });
  };
  const valid =
    seats !== null &&
    (kind === 'purchase' || days !== null) &&
    (!askAdministration || (duration !== null && permissions.length > 0));

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || seats === null) return;
    const body: OfferRequestBody = {
      kind,
      plan,
      quantity: seats,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(kind === 'trial' && days !== null ? { trialDays: days } : {}),
      ...(askAdministration && duration !== null ? { administration: { permissions, durationDays: duration } } : {}),
      maxCustomers: oneCustomer ? 1 : null,
    };
    void offers.run(async () => {
      setCreated(await api.createOffer(partner.id, body));
      setName('');
    });
  };

  const toggle = (offer: OfferView) =>
    offers.run(() => api.setOfferDisabled(partner.id, offer.id, !offer.disabled), {
      notice: message(offer.disabled ? 'partners.offers.enabled' : 'partners.offers.disabledNotice', {
        name: offerTitle(offer, t),
      }),
    });
  const copy = async (link: string) =>
    offers.say(message((await copyText(link)) ? 'partners.offers.copied' : 'partners.offers.copyFailed'));

  return (
    <section className={layout.stackM} aria-label={t('partners.tab.offers')} data-testid="partner-offers">
      <Caption1>{t('partners.offers.explain')}</Caption1>
      <Feedback error={offers.error ?? catalogError} notice={offers.notice} testId="offers" />
      {created && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody className={layout.stackS}>
            <Text weight="semibold">{t('partners.offers.linkReady', { name: offerTitle(created.offer, t) })}</Text>
            <Caption1>{t('partners.offers.linkOnce')}</Caption1>
            <div className={layout.fieldsRow}>
              <Field label={t('partners.offers.link')} className={styles.linkField}>
                <Input readOnly value={created.link} onFocus={(e) => e.target.select()} data-testid="offer-link" />
              </Field>
              <Button onClick={() => void copy(created.link)} data-testid="copy-offer-link">
                {t('partners.offers.copy')}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {manage ? (
        <form
          onSubmit={(e) => void create(e)}
          className={mergeClasses(layout.stackS, layout.wide)}
          aria-labelledby="new-offer-heading"
        >
          <Text as="h3" weight="semibold" id="new-offer-heading">
            {t('partners.offers.new')}
          </Text>
          <Field label={t('partners.offers.kind')}>
            <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => setKind(d.value as 'trial' | 'purchase')}>
              <Radio value="trial" label={t('partners.offers.kind.trial')} data-testid="offer-kind-trial" />
              <Radio value="purchase" label={t('partners.offers.kind.purchase')} data-testid="offer-kind-purchase" />
            </RadioGroup>
          </Field>
          <Field label={t('partners.offers.name')} hint={t('partners.offers.nameHint')}>
            <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={120} data-testid="offer-name" />
          </Field>
          <div className={layout.rowWrapM}>
            <PlanField plans={catalog?.plans ?? []} value={plan} onChange={setPlan} testId="offer-plan" />
            <Field
              label={t('partners.offers.seats')}
              validationState={seats === null ? 'error' : 'none'}
              validationMessage={
                seats === null
                  ? kind === 'trial'
                    ? t('partners.offers.trialSeatsInvalid', { max: maxSeats })
                    : t('partners.offers.seatsInvalid', { max: maxSeats })
                  : undefined
              }
            >
              <Input
                type="number"
                min={1}
                max={maxSeats}
                value={quantity}
                onChange={(_, d) => setQuantity(d.value)}
                data-testid="offer-seats"
              />
            </Field>
            {kind === 'trial' && (
              <Field
                label={t('partners.offers.trialDays')}
                validationState={days === null ? 'error' : 'none'}
                validationMessage={days === null ? t('partners.offers.trialDaysInvalid', { max: maxDays }) : undefined}
              >
                <Input
                  type="number"
                  min={1}
                  max={maxDays}
                  value={trialDays}
                  onChange={(_, d) => setTrialDays(d.value)}
                  data-testid="offer-trial-days"
                />
              </Field>
            )}
          </div>
          {kind === 'purchase' && price !== null && catalog && (
            <Text data-testid="offer-price">
              {t('partners.offers.priceShown', { price: priceText(price, catalog.currency, plan) })}
            </Text>
          )}
          <Checkbox
            checked={oneCustomer}
            onChange={(_, d) => setOneCustomer(d.checked === true)}
            label={t('partners.offers.oneCustomer')}
          />
          <Checkbox
            checked={askAdministration}
            onChange={(_, d) => setAskAdministration(d.checked === true)}
            label={t('partners.offers.askAdministration')}
            data-testid="offer-ask-administration"
          />
          {askAdministration && (
            <div className={mergeClasses(layout.stackS, styles.indented)}>
              <PermissionChecks value={permissions} onChange={setPermissions} idPrefix="offer" />
              <Field
                label={t('partners.requests.duration')}
                hint={t('partners.requests.durationHint')}
                validationState={duration === null ? 'error' : 'none'}
                validationMessage={duration === null ? t('partners.requests.durationInvalid') : undefined}
              >
                <Input
                  type="number"
                  min={1}
                  max={730}
                  value={adminDays}
                  onChange={(_, d) => setAdminDays(d.value)}
                  data-testid="offer-admin-days"
                />
              </Field>
            </div>
          )}
          <Button
            appearance="primary"
            type="submit"
            disabled={offers.busy || !valid}
            className={layout.start}
            data-testid="create-offer"
          >
            {t('partners.offers.create')}
          </Button>
        </form>
      ) : (
        <Caption1>{t('partners.offers.readOnly')}</Caption1>
      )}
      <Text as="h3" weight="semibold">
        {t('partners.offers.list')}
      </Text>
      {offers.data && offers.data.length === 0 && (
        <Caption1 data-testid="offers-empty">{t('partners.offers.empty')}</Caption1>
      )}
      {offers.data && offers.data.length > 0 && (
        <ListTable
          label={t('partners.offers.list')}
          testId="offers-table"
          columns={[
            t('partners.offers.name'),
            t('partners.offers.what'),
            t('partners.offers.administration'),
            t('partners.offers.used'),
            t('partners.offers.linkStatus'),
            manage && t('seats.actions'),
          ]}
          items={offers.data}
          rowKey={(offer) => offer.id}
          row={(offer) => {
            const expired = Date.parse(offer.expiresAt) <= Date.now();
            const terms =
              offer.kind === 'trial'
                ? t('partners.offers.trialLength', { days: offer.trialDays ?? 0 })
                : offer.priceMinor !== null
                  ? priceText(offer.priceMinor, offer.currency, offer.plan)
                  : '';
            return (
              <>
                <TableCell>{offerTitle(offer, t)}</TableCell>
                <TableCell>
                  <CellLines
                    text={t(`partners.offers.kind.${offer.kind}` as MessageKey)}
                    detail={`${t('partners.offers.planSeats', { plan: t(`plan.${offer.plan}` as MessageKey), quantity: offer.quantity })} · ${terms}`}
                  />
                </TableCell>
                <TableCell>
                  {offer.administration
                    ? `${permissionsText(offer.administration.permissions, t)} (${durationText(offer.administration.durationDays, t)})`
                    : t('partners.offers.noAdministration')}
                </TableCell>
                <TableCell data-testid="offer-used">
                  {offer.maxCustomers === 1
                    ? t('partners.offers.usedOfOne', { count: offer.customers })
                    : t('partners.offers.usedBy', { count: offer.customers })}
                </TableCell>
                <TableCell>
                  <CellLines
                    text={
                      <Badge
                        appearance="tint"
                        color={offer.disabled || expired ? 'subtle' : 'success'}
                        data-testid="offer-status"
                      >
                        {t(
                          offer.disabled
                            ? 'partners.offers.disabled'
                            : expired
                              ? 'partners.offers.expired'
                              : 'partners.offers.active',
                        )}
                      </Badge>
                    }
                    detail={t('partners.offers.expires', { date: formatDate(Date.parse(offer.expiresAt), locale) })}
                  />
                </TableCell>
                {manage && (
                  <TableCell>
                    <Button
                      size="small"
                      onClick={() => void toggle(offer)}
                      aria-label={t(offer.disabled ? 'partners.offers.enableLabel' : 'partners.offers.disableLabel', {
                        name: offerTitle(offer, t),
                      })}
                      data-testid="toggle-offer"
                    >
                      {t(offer.disabled ? 'partners.offers.enable' : 'partners.offers.disable')}
                    </Button>
                  </TableCell>
                )}
              </>
            );
          }}
        />
      )}
    </section>
  );
}
