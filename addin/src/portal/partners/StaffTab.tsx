/** P1: the partner's staff; its owner adds people by address as full or limited administration, changes roles and removes them. */
import { message } from '#shared/i18n/message.js';
import { Button, Caption1, Field, Input, Select, TableCell, Text, makeStyles } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { PartnerView } from '#shared/api/views.js';
import { formatDate, type MessageKey } from '#shared/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { CellLines, ListTable } from '../../components/ListTable.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PortalApi } from '../usePortalApi.js';

const useStyles = makeStyles({
  email: { minWidth: 'min(280px, 100%)' },
});

export function StaffTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const manage = partner.actions.includes('staff.manage');
  const staff = useAsyncAction(useCallback(() => api.partnerStaff(partner.id), [api, partner.id]));
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'full' | 'limited'>('limited');

  const add = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    void staff.run(
      async () => {
        await api.setPartnerStaff(partner.id, address, role);
        setEmail('');
      },
      { notice: message('partners.staff.added', { email: address, role: message(`partners.role.${role}`) }) },
    );
  };

  return (
    <section className={layout.stackM} aria-label={t('partners.tab.staff')} data-testid="partner-staff">
      <Caption1>{t('partners.staff.explain')}</Caption1>
      <Feedback error={staff.error} notice={staff.notice} testId="staff" />
      {manage ? (
        <form onSubmit={add} className={layout.fieldsRow} aria-labelledby="add-staff-heading">
          <Text as="h3" weight="semibold" id="add-staff-heading" className={layout.fullWidth}>
            {t('partners.staff.add')}
          </Text>
          <Field label={t('partners.staff.email')}>
            <Input
              type="email"
              value={email}
              onChange={(_, d) => setEmail(d.value)}
              className={styles.email}
              data-testid="staff-email"
            />
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
      {staff.data && (
        <ListTable
          label={t('partners.tab.staff')}
          testId="staff-table"
          columns={[
            t('partners.staff.email'),
            t('partners.staff.role'),
            t('partners.staff.signedIn'),
            manage && t('seats.actions'),
          ]}
          items={staff.data}
          rowKey={(member) => member.id}
          row={(member) => (
            <>
              <TableCell>{member.email}</TableCell>
              <TableCell>
                <CellLines
                  text={t(`partners.role.${member.role}` as MessageKey)}
                  detail={t(`partners.role.${member.role}.explain` as MessageKey)}
                />
              </TableCell>
              <TableCell>
                {member.signedIn
                  ? t('partners.staff.since', { date: formatDate(Date.parse(member.since), locale) })
                  : t('partners.staff.notYet')}
              </TableCell>
              {manage && (
                <TableCell>
                  {member.role !== 'owner' && (
                    <Button
                      size="small"
                      appearance="subtle"
                      onClick={() =>
                        void staff.run(() => api.removePartnerStaff(partner.id, member.id), {
                          notice: message('partners.staff.removed', { email: member.email }),
                        })
                      }
                      aria-label={t('partners.staff.removeLabel', { email: member.email })}
                    >
                      {t('delegates.remove')}
                    </Button>
                  )}
                </TableCell>
              )}
            </>
          )}
        />
      )}
    </section>
  );
}
