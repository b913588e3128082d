/** P1: the partner's staff; its owner adds people by address as full or limited administration, changes roles and removes them. */
import { Button, Caption1, Field, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PartnerStaffView, PartnerView } from '../../../../shared/src/api/views.js';
import { formatDate, type MessageKey } from '../../../../shared/src/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PortalApi } from '../usePortalApi.js';

export function StaffTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const manage = partner.actions.includes('staff.manage');
  const [staff, setStaff] = useState<PartnerStaffView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'full' | 'limited'>('limited');

  const load = useCallback(() => {
    api.partnerStaff(partner.id).then(setStaff, (e: unknown) => setError(errorText(e, t)));
  }, [api, partner.id, t]);
  useEffect(load, [load]);

  const act = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(message);
      load();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    void act(async () => {
      await api.setPartnerStaff(partner.id, address, role);
      setEmail('');
    }, t('partners.staff.added', { email: address, role: t(`partners.role.${role}`) }));
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-label={t('partners.tab.staff')} data-testid="partner-staff">
      <Caption1>{t('partners.staff.explain')}</Caption1>
      <Feedback error={error} notice={notice} testId="staff" />
      {manage ? (
        <form onSubmit={add} style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }} aria-labelledby="add-staff-heading">
          <Text as="h3" weight="semibold" id="add-staff-heading" style={{ width: '100%' }}>
            {t('partners.staff.add')}
          </Text>
          <Field label={t('partners.staff.email')}>
            <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} style={{ minWidth: 280 }} data-testid="staff-email" />
          </Field>
          <Field label={t('partners.staff.role')}>
            <Select value={role} onChange={(_, d) => setRole(d.value as 'full' | 'limited')} data-testid="staff-role">
              <option value="full">{t('partners.role.full')}</option>
              <option value="limited">{t('partners.role.limited')}</option>
            </Select>
          </Field>
          <Button appearance="primary" type="submit" disabled={email.trim() === ''} data-testid="add-staff">
            {t('partners.staff.addButton')}
          </Button>
        </form>
      ) : (
        <Caption1>{t('partners.staff.ownerOnly')}</Caption1>
      )}
      {staff && (
        <Table aria-label={t('partners.tab.staff')} size="small" data-testid="staff-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('partners.staff.email')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.staff.role')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.staff.signedIn')}</TableHeaderCell>
              {manage && <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {staff.map((member) => (
              <TableRow key={member.id}>
                <TableCell>{member.email}</TableCell>
                <TableCell>
                  <div style={{ display: 'flex', flexDirection: 'column' }}>
                    <span>{t(`partners.role.${member.role}` as MessageKey)}</span>
                    <Caption1>{t(`partners.role.${member.role}.explain` as MessageKey)}</Caption1>
                  </div>
                </TableCell>
                <TableCell>{member.signedIn ? t('partners.staff.since', { date: formatDate(Date.parse(member.since), locale) }) : t('partners.staff.notYet')}</TableCell>
                {manage && (
                  <TableCell>
                    {member.role !== 'owner' && (
                      <Button size="small" appearance="subtle" onClick={() => void act(() => api.removePartnerStaff(partner.id, member.id), t('partners.staff.removed', { email: member.email }))} aria-label={t('partners.staff.removeLabel', { email: member.email })}>
                        {t('delegates.remove')}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
