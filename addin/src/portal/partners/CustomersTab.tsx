/**
 * P5: the partner's customers, searched and filtered by the server a page at a time (fast at
 * thousands of customers): organisation, owner, subscription status, seats, renewal and the
 * delegated administration with its expiry. A customer opens on the ordinary subscription page
 * while a relationship allows it; the server authorises every action through it.
 */
import { Badge, Button, Caption1, Field, Input, Link, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, type BadgeProps } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PartnerCustomerView, PartnerView, SubscriptionStatus } from '../../../../shared/src/api/views.js';
import { formatDate, type MessageKey } from '../../../../shared/src/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PortalApi } from '../usePortalApi.js';
import { permissionsText, stateText } from './partnerText.js';

const PAGE = 50;
const STATUSES: SubscriptionStatus[] = ['trial', 'active', 'past_due', 'expired', 'cancelled'];
const RELATIONSHIPS = ['active', 'pending', 'expired', 'ended', 'none'] as const;
type RelationshipFilter = (typeof RELATIONSHIPS)[number];
const STATUS_COLOUR: Record<SubscriptionStatus, BadgeProps['color']> = { trial: 'informative', active: 'success', past_due: 'warning', expired: 'danger', cancelled: 'subtle' };

export function CustomersTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<SubscriptionStatus | ''>('');
  const [relationship, setRelationship] = useState<RelationshipFilter | ''>('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; items: PartnerCustomerView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The search goes to the server once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let current = true;
    api
      .partnerCustomers(partner.id, { ...(query ? { search: query } : {}), ...(status ? { status } : {}), ...(relationship ? { relationship } : {}), offset, limit: PAGE })
      .then(
        (result) => current && (setPage(result), setError(null)),
        (e: unknown) => current && setError(errorText(e, t)),
      );
    return () => {
      current = false;
    };
  }, [api, partner.id, query, status, relationship, offset, t]);

  const filtered = query !== '' || status !== '' || relationship !== '';
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-label={t('partners.tab.customers')} data-testid="partner-customers">
      <Caption1>{t('partners.customers.explain')}</Caption1>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <Field label={t('partners.customers.search')}>
          <Input type="search" value={search} onChange={(_, d) => setSearch(d.value)} placeholder={t('partners.customers.searchHint')} style={{ width: 400, maxWidth: '100%' }} data-testid="customer-search" />
        </Field>
        <Field label={t('partners.customers.status')}>
          <Select
            value={status}
            onChange={(_, d) => {
              setStatus(d.value as SubscriptionStatus | '');
              setOffset(0);
            }}
            data-testid="customer-status"
          >
            <option value="">{t('partners.customers.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}` as MessageKey)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('partners.customers.relationship')}>
          <Select
            value={relationship}
            onChange={(_, d) => {
              setRelationship(d.value as RelationshipFilter | '');
              setOffset(0);
            }}
            data-testid="customer-relationship"
          >
            <option value="">{t('partners.customers.anyRelationship')}</option>
            {RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {t(`partners.filter.${r}` as MessageKey)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Feedback error={error} testId="customers" />
      {page && page.items.length === 0 && <Caption1 data-testid="customers-empty">{filtered ? t('partners.customers.noMatch') : t('partners.customers.empty')}</Caption1>}
      {page && page.items.length > 0 && (
        <>
          <Table aria-label={t('partners.tab.customers')} size="small" data-testid="customers-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('partners.customers.customer')}</TableHeaderCell>
                <TableHeaderCell>{t('partners.customers.status')}</TableHeaderCell>
                <TableHeaderCell>{t('partners.customers.seats')}</TableHeaderCell>
                <TableHeaderCell>{t('portal.renews')}</TableHeaderCell>
                <TableHeaderCell>{t('partners.customers.administration')}</TableHeaderCell>
                <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((c) => {
                const active = c.relationship?.state === 'active';
                return (
                  <TableRow key={c.subscriptionId}>
                    <TableCell>
                      <div style={{ display: 'flex', flexDirection: 'column' }}>
                        <span>{c.organisation}</span>
                        <Caption1>
                          {c.owner} · {t(`plan.${c.plan}` as MessageKey)}
                          {c.partnerOfRecord ? ` · ${t('partners.customers.ofRecord')}` : ''}
                        </Caption1>
                      </div>
                    </TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={STATUS_COLOUR[c.status]}>
                        {t(`status.${c.status}` as MessageKey)}
                      </Badge>
                    </TableCell>
                    <TableCell>{t('partners.customers.seatsUsed', { assigned: c.assigned, quantity: c.quantity })}</TableCell>
                    <TableCell>{formatDate(Date.parse(c.renewsAt), locale)}</TableCell>
                    <TableCell>
                      {c.relationship ? (
                        <div style={{ display: 'flex', flexDirection: 'column' }}>
                          <span>{stateText(c.relationship.state, t)}</span>
                          {c.relationship.expiresAt && (active || c.relationship.state === 'expired') && (
                            <Caption1>{t(active ? 'partners.customers.until' : 'partners.customers.expiredOn', { date: formatDate(Date.parse(c.relationship.expiresAt), locale) })}</Caption1>
                          )}
                          <Caption1>{permissionsText(c.relationship.permissions, t)}</Caption1>
                        </div>
                      ) : (
                        t('partners.customers.noAdministration')
                      )}
                    </TableCell>
                    <TableCell>
                      {active ? (
                        <Link href={`#/subscriptions/${c.subscriptionId}`} aria-label={t('partners.customers.openLabel', { customer: c.organisation })} data-testid="open-customer">
                          {t('partners.customers.open')}
                        </Link>
                      ) : (
                        <Caption1>{t('partners.customers.requestFirst')}</Caption1>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <Caption1 data-testid="customers-range">{t('partners.customers.range', { from: offset + 1, to: offset + page.items.length, total: page.total })}</Caption1>
            <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('common.previous')}
            </Button>
            <Button size="small" disabled={offset + page.items.length >= page.total} onClick={() => setOffset(offset + PAGE)}>
              {t('common.next')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
