/** Delegated administrators (A5): invite with any of the four permissions, resend or revoke invitations, edit, remove, hand over ownership. */
import { message } from '#shared/i18n/message.js';
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  TableCell,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { formatDate } from '#shared/i18n/translate.js';
import { PERMISSIONS, type Permission } from '#shared/permissions/permissions.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Feedback } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { ListTable } from '../components/ListTable.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CustomerPartners } from './partners/CustomerPartners.js';
import { permissionsText } from './partners/partnerText.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';

const useStyles = makeStyles({
  permissions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

export function PermissionChecks({
  value,
  onChange,
  disabled,
  idPrefix,
}: {
  value: Permission[];
  onChange: (next: Permission[]) => void;
  disabled?: boolean;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div role="group" aria-label={t('delegates.permissions')} className={styles.permissions}>
      {PERMISSIONS.map((permission) => (
        <Checkbox
          key={permission}
          id={`${idPrefix}-${permission}`}
          label={t(`permission.${permission}`)}
          checked={value.includes(permission)}
          disabled={disabled}
          onChange={(_, data) =>
            onChange(
              data.checked
                ? PERMISSIONS.filter((p) => p === permission || value.includes(p))
                : value.filter((p) => p !== permission),
            )
          }
        />
      ))}
    </div>
  );
}

export function DelegatesTab({
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
  const manage = subscription.actions.includes('delegates.manage');
  const delegates = useAsyncAction(useCallback(() => api.delegates(subscription.id), [api, subscription.id]));
  const { data, run, fail } = delegates;
  const [email, setEmail] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['assign', 'view']);
  /** Whom ownership is about to go to, waiting for confirmation: a delegate from the list or an address typed in. */
  const [heir, setHeir] = useState<{ email: string; to: { delegateId: string } | { email: string } } | null>(null);
  const [heirEmail, setHeirEmail] = useState('');

  const invite = (event: FormEvent) => {
    event.preventDefault();
    if (permissions.length === 0) return fail(t('delegates.choosePermission'));
    void run(
      async () => {
        await api.invite(subscription.id, email.trim(), permissions, locale);
        setEmail('');
      },
      { notice: message('delegates.invited', { email: email.trim() }) },
    );
  };

  const transfer = () => {
    const target = heir;
    setHeir(null);
    if (!target) return;
    void run(
      async () => {
        await api.transferOwnership(subscription.id, target.to, locale);
        setHeirEmail('');
      },
      { notice: message('delegates.ownerChanged', { email: target.email }) },
    ).then(onChanged);
  };

  return (
    <section className={layout.stackM} aria-label={t('delegates.title')}>
      <Caption1>{t('delegates.explain')}</Caption1>
      <Feedback error={delegates.error} notice={delegates.notice} testId="delegates" />
      {manage && (
        <form onSubmit={invite} className={mergeClasses(layout.stackS, layout.narrow)}>
          <Text weight="semibold">{t('delegates.inviteTitle')}</Text>
          <Field label={t('delegates.email')}>
            <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} data-testid="invite-email" />
          </Field>
          <PermissionChecks value={permissions} onChange={setPermissions} idPrefix="invite" />
          <Button
            appearance="primary"
            type="submit"
            disabled={email.trim() === ''}
            className={layout.start}
            data-testid="invite"
          >
            {t('delegates.invite')}
          </Button>
        </form>
      )}
      {data && (
        <>
          <Text as="h3" weight="semibold">
            {t('delegates.current')}
          </Text>
          {data.delegates.length === 0 ? (
            <Caption1>{t('delegates.none')}</Caption1>
          ) : (
            <ListTable
              label={t('delegates.current')}
              testId="delegates-table"
              columns={[t('delegates.email'), t('delegates.permissions'), manage && t('seats.actions')]}
              items={data.delegates}
              rowKey={(delegate) => delegate.id}
              row={(delegate) => (
                <>
                  <TableCell>{delegate.email}</TableCell>
                  <TableCell>
                    <PermissionChecks
                      idPrefix={`d-${delegate.id}`}
                      value={delegate.permissions}
                      disabled={!manage}
                      onChange={(next) =>
                        next.length === 0
                          ? fail(t('delegates.choosePermission'))
                          : void run(() => api.editDelegate(subscription.id, delegate.id, next), {
                              notice: message('delegates.updated', { email: delegate.email }),
                            })
                      }
                    />
                  </TableCell>
                  {manage && (
                    <TableCell>
                      <Button
                        size="small"
                        appearance="subtle"
                        onClick={() =>
                          void run(() => api.removeDelegate(subscription.id, delegate.id), {
                            notice: message('delegates.removed', { email: delegate.email }),
                          })
                        }
                      >
                        {t('delegates.remove')}
                      </Button>
                      {subscription.actions.includes('ownership.transfer') && (
                        <Button
                          size="small"
                          appearance="subtle"
                          onClick={() => setHeir({ email: delegate.email, to: { delegateId: delegate.id } })}
                          aria-label={t('delegates.makeOwnerLabel', { email: delegate.email })}
                        >
                          {t('delegates.makeOwner')}
                        </Button>
                      )}
                    </TableCell>
                  )}
                </>
              )}
            />
          )}
          <Text as="h3" weight="semibold">
            {t('delegates.pending')}
          </Text>
          {data.invitations.length === 0 ? (
            <Caption1>{t('delegates.noPending')}</Caption1>
          ) : (
            <ListTable
              label={t('delegates.pending')}
              testId="invitations-table"
              columns={[
                t('delegates.email'),
                t('delegates.permissions'),
                t('delegates.expires'),
                manage && t('seats.actions'),
              ]}
              items={data.invitations}
              rowKey={(invitation) => invitation.id}
              row={(invitation) => (
                <>
                  <TableCell>{invitation.email}</TableCell>
                  <TableCell>{permissionsText(invitation.permissions, t)}</TableCell>
                  <TableCell>{formatDate(Date.parse(invitation.expiresAt), locale)}</TableCell>
                  {manage && (
                    <TableCell>
                      <Button
                        size="small"
                        appearance="subtle"
                        onClick={() =>
                          void run(() => api.resendInvitation(subscription.id, invitation.id), {
                            notice: message('delegates.resent', { email: invitation.email }),
                          })
                        }
                      >
                        {t('delegates.resend')}
                      </Button>
                      <Button
                        size="small"
                        appearance="subtle"
                        onClick={() =>
                          void run(() => api.revokeInvitation(subscription.id, invitation.id), {
                            notice: message('delegates.revoked', { email: invitation.email }),
                          })
                        }
                      >
                        {t('delegates.revoke')}
                      </Button>
                    </TableCell>
                  )}
                </>
              )}
            />
          )}
        </>
      )}
      <CustomerPartners api={api} subscription={subscription} />
      {subscription.actions.includes('ownership.transfer') && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (heirEmail.trim()) setHeir({ email: heirEmail.trim(), to: { email: heirEmail.trim() } });
          }}
          className={mergeClasses(layout.stackS, layout.narrow)}
          aria-labelledby="ownership-heading"
        >
          <Text as="h3" weight="semibold" id="ownership-heading">
            {t('delegates.ownershipTitle')}
          </Text>
          <Caption1>{t('delegates.ownershipExplain')}</Caption1>
          <div className={layout.fieldsRow}>
            <Field label={t('delegates.ownershipEmail')}>
              <Input
                type="email"
                value={heirEmail}
                onChange={(_, d) => setHeirEmail(d.value)}
                data-testid="ownership-email"
              />
            </Field>
            <Button type="submit" disabled={heirEmail.trim() === ''} data-testid="ownership-start">
              {t('delegates.makeOwner')}
            </Button>
          </div>
        </form>
      )}
      <ConfirmDialog
        question={
          heir && {
            title: t('delegates.makeOwnerTitle', { email: heir.email }),
            text: t('delegates.makeOwnerExplain', { email: heir.email }),
            confirm: t('delegates.makeOwner'),
          }
        }
        onCancel={() => setHeir(null)}
        onConfirm={transfer}
        confirmTestId="ownership-confirm"
      />
    </section>
  );
}
