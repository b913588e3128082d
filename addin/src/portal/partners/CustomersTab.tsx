/**
 * P5: the partner's customers, searched and filtered by the server a page at a time (fast at
 * thousands of customers): organisation, owner, subscription status, seats, renewal and the
 * delegated administration with its expiry. A customer opens on the ordinary subscription page
 * while a relationship allows it; the server authorises every action through it.
 */
import {
  Button,
  Caption1,
  Field,
  Input,
  Link,
  Select,
  TableCell,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { PartnerView, SubscriptionStatus } from '#shared/api/views.js';
import { formatDate, type MessageKey } from '#shared/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { CellLines, ListTable } from '../../components/ListTable.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { StatusBadge } from '../StatusBadge.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PortalApi } from '../usePortalApi.js';
import { permissionsText, relationshipDateText, stateText } from './partnerText.js';

const PAGE = 50;
const STATUSES: SubscriptionStatus[] = ['trial', 'active', 'past_due', 'expired', 'cancelled'];
const RELATIONSHIPS = ['active', 'pending', 'expired', 'ended', 'none'] as const;
type RelationshipFilter = (typeof RELATIONSHIPS)[number];

const useStyles = makeStyles({
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end' },
  /** As wide as a long search, narrower on a phone. */
  search: { flex: '0 1 400px', minWidth: 0 },
});

export function CustomersTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<SubscriptionStatus | ''>('');
  const [relationship, setRelationship] = useState<RelationshipFilter | ''>('');
  const [offset, setOffset] = useState(0);

  // The search goes to the server once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  const customers = useAsyncAction(
    useCallback(
      () =>
        api.partnerCustomers(partner.id, {
          ...(query ? { search: query } : {}),
          ...(status ? { status } : {}),
          ...(relationship ? { relationship } : {}),
          offset,
          limit: PAGE,
        }),
      [api, partner.id, query, status, relationship, offset],
    ),
  );
  const page = customers.data;

  const filtered = query !== '' || status !== '' || relationship !== '';
  return (
    <section className={layout.stackM} aria-label={t('partners.tab.customers')} data-testid="partner-customers">
      <Caption1>{t('partners.customers.explain')}</Caption1>
      <div className={styles.filters}>
        <Field label={t('partners.customers.search')} className={styles.search}>
          <Input
            type="search"
            value={search}
            onChange={(_, d) => setSearch(d.value)}
            placeholder={t('partners.customers.searchHint')}
            data-testid="customer-search"
          />
        </Field>
        <FilterField
          label={t('partners.customers.status')}
          any={t('partners.customers.anyStatus')}
          value={status}
          options={STATUSES.map((s) => [s, t(`status.${s}` as MessageKey)] as const)}
          onChange={(value) => {
            setStatus(value);
            setOffset(0);
          }}
          testId="customer-status"
        />
        <FilterField
          label={t('partners.customers.relationship')}
          any={t('partners.customers.anyRelationship')}
          value={relationship}
          options={RELATIONSHIPS.map((r) => [r, t(`partners.filter.${r}` as MessageKey)] as const)}
          onChange={(value) => {
            setRelationship(value);
            setOffset(0);
          }}
          testId="customer-relationship"
        />
      </div>
      <Feedback error={customers.error} testId="customers" />
      {page && page.items.length === 0 && (
        <Caption1 data-testid="customers-empty">
          {filtered ? t('partners.customers.noMatch') : t('partners.customers.empty')}
        </Caption1>
      )}
      {page && page.items.length > 0 && (
        <>
          <ListTable
            label={t('partners.tab.customers')}
            testId="customers-table"
            columns={[
              t('partners.customers.customer'),
              t('partners.customers.status'),
              t('partners.customers.seats'),
              t('portal.renews'),
              t('partners.customers.administration'),
              t('seats.actions'),
            ]}
            items={page.items}
            rowKey={(c) => c.subscriptionId}
            row={(c) => (
              <>
                <TableCell>
                  <CellLines
                    text={c.organisation}
                    detail={`${c.owner} · ${t(`plan.${c.plan}` as MessageKey)}${c.partnerOfRecord ? ` · ${t('partners.customers.ofRecord')}` : ''}`}
                  />
                </TableCell>
                <TableCell>
                  <StatusBadge status={c.status} />
                </TableCell>
                <TableCell>
                  {t('partners.customers.seatsUsed', { assigned: c.assigned, quantity: c.quantity })}
                </TableCell>
                <TableCell>{formatDate(Date.parse(c.renewsAt), locale)}</TableCell>
                <TableCell>
                  {c.relationship ? (
                    <div className={layout.lines}>
                      <span>{stateText(c.relationship.state, t)}</span>
                      <Caption1>{relationshipDateText(c.relationship, t, locale)}</Caption1>
                      <Caption1>{permissionsText(c.relationship.permissions, t)}</Caption1>
                    </div>
                  ) : (
                    t('partners.customers.noAdministration')
                  )}
                </TableCell>
                <TableCell>
                  {c.relationship?.state === 'active' ? (
                    <Link
                      href={`#/subscriptions/${c.subscriptionId}`}
                      aria-label={t('partners.customers.openLabel', { customer: c.organisation })}
                      data-testid="open-customer"
                    >
                      {t('partners.customers.open')}
                    </Link>
                  ) : (
                    <Caption1>{t('partners.customers.requestFirst')}</Caption1>
                  )}
                </TableCell>
              </>
            )}
          />
          <div className={layout.rowCenter}>
            <Caption1 data-testid="customers-range">
              {t('partners.customers.range', { from: offset + 1, to: offset + page.items.length, total: page.total })}
            </Caption1>
            <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('common.previous')}
            </Button>
            <Button
              size="small"
              disabled={offset + page.items.length >= page.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('common.next')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

/** A filter of the list: one of `options`, or any (the empty value). */
function FilterField<V extends string>(props: {
  label: string;
  any: string;
  value: V | '';
  options: ReadonlyArray<readonly [V, string]>;
  onChange: (value: V | '') => void;
  testId: string;
}) {
  return (
    <Field label={props.label}>
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value as V | '')} data-testid={props.testId}>
        <option value="">{props.any}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );
}
