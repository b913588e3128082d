/** Delegated administrators (A5): invite with any of the four permissions, resend or revoke invitations, edit, remove, hand over ownership. */
import { Button, Caption1, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatDate } from '../../../shared/src/i18n/translate.js';
import { PERMISSIONS, type Permission } from '../../../shared/src/permissions/permissions.js';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import { CustomerPartners } from './partners/CustomerPartners.js';
import type { Delegate, Invitation, PortalApi, SubscriptionSummary } from './usePortalApi.js';

export function PermissionChecks({ value, onChange, disabled, idPrefix }: { value: Permission[]; onChange: (next: Permission[]) => void; disabled?: boolean; idPrefix: string }) {
  const { t } = useI18n();
  return (
    <div role="group" aria-label={t('delegates.permissions')} style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
      {PERMISSIONS.map((permission) => (
        <Checkbox
          key={permission}
          id={`${idPrefix}-${permission}`}
          label={t(`permission.${permission}`)}
          checked={value.includes(permission)}
          disabled={disabled}
          onChange={(_, data) => onChange(data.checked ? PERMISSIONS.filter((p) => p === permission || value.includes(p)) : value.filter((p) => p !== permission))}
        />
      ))}
    </div>
  );
}

export function DelegatesTab({ api, subscription, onChanged }: { api: PortalApi; subscription: SubscriptionSummary; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const manage = subscription.actions.includes('delegates.manage');
  const [data, setData] = useState<{ delegates: Delegate[]; invitations: Invitation[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['assign', 'view']);
  /** Whom ownership is about to go to, waiting for confirmation: a delegate from the list or an address typed in. */
  const [heir, setHeir] = useState<{ email: string; to: { delegateId: string } | { email: string } } | null>(null);
  const [heirEmail, setHeirEmail] = useState('');

  const load = useCallback(() => {
    api.delegates(subscription.id).then(setData, (e: unknown) => setError(errorText(e, t)));
  }, [api, subscription.id, t]);
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

  const invite = (event: FormEvent) => {
    event.preventDefault();
    if (permissions.length === 0) return setError(t('delegates.choosePermission'));
    void act(async () => {
      await api.invite(subscription.id, email.trim(), permissions, locale);
      setEmail('');
    }, t('delegates.invited', { email: email.trim() }));
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-label={t('delegates.title')}>
      <Caption1>{t('delegates.explain')}</Caption1>
      <Feedback error={error} notice={notice} testId="delegates" />
      {manage && (
        <form onSubmit={invite} style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 640 }}>
          <Text weight="semibold">{t('delegates.inviteTitle')}</Text>
          <Field label={t('delegates.email')}>
            <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} data-testid="invite-email" />
          </Field>
          <PermissionChecks value={permissions} onChange={setPermissions} idPrefix="invite" />
          <Button appearance="primary" type="submit" disabled={email.trim() === ''} style={{ alignSelf: 'flex-start' }} data-testid="invite">
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
            <Table aria-label={t('delegates.current')} size="small" data-testid="delegates-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('delegates.email')}</TableHeaderCell>
                  <TableHeaderCell>{t('delegates.permissions')}</TableHeaderCell>
                  {manage && <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.delegates.map((delegate) => (
                  <TableRow key={delegate.id}>
                    <TableCell>{delegate.email}</TableCell>
                    <TableCell>
                      <PermissionChecks
                        idPrefix={`d-${delegate.id}`}
                        value={delegate.permissions}
                        disabled={!manage}
                        onChange={(next) => (next.length === 0 ? setError(t('delegates.choosePermission')) : void act(() => api.editDelegate(subscription.id, delegate.id, next), t('delegates.updated', { email: delegate.email })))}
                      />
                    </TableCell>
                    {manage && (
                      <TableCell>
                        <Button size="small" appearance="subtle" onClick={() => void act(() => api.removeDelegate(subscription.id, delegate.id), t('delegates.removed', { email: delegate.email }))}>
                          {t('delegates.remove')}
                        </Button>
                        {subscription.actions.includes('ownership.transfer') && (
                          <Button size="small" appearance="subtle" onClick={() => setHeir({ email: delegate.email, to: { delegateId: delegate.id } })} aria-label={t('delegates.makeOwnerLabel', { email: delegate.email })}>
                            {t('delegates.makeOwner')}
                          </Button>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Text as="h3" weight="semibold">
            {t('delegates.pending')}
          </Text>
          {data.invitations.length === 0 ? (
            <Caption1>{t('delegates.noPending')}</Caption1>
          ) : (
            <Table aria-label={t('delegates.pending')} size="small" data-testid="invitations-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('delegates.email')}</TableHeaderCell>
                  <TableHeaderCell>{t('delegates.permissions')}</TableHeaderCell>
                  <TableHeaderCell>{t('delegates.expires')}</TableHeaderCell>
                  {manage && <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.invitations.map((invitation) => (
                  <TableRow key={invitation.id}>
                    <TableCell>{invitation.email}</TableCell>
                    <TableCell>{invitation.permissions.map((p) => t(`permission.${p}`)).join(', ')}</TableCell>
                    <TableCell>{formatDate(Date.parse(invitation.expiresAt), locale)}</TableCell>
                    {manage && (
                      <TableCell>
                        <Button size="small" appearance="subtle" onClick={() => void act(() => api.resendInvitation(subscription.id, invitation.id), t('delegates.resent', { email: invitation.email }))}>
                          {t('delegates.resend')}
                        </Button>
                        <Button size="small" appearance="subtle" onClick={() => void act(() => api.revokeInvitation(subscription.id, invitation.id), t('delegates.revoked', { email: invitation.email }))}>
                          {t('delegates.revoke')}
                        </Button>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
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
          style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 640 }}
          aria-labelledby="ownership-heading"
        >
          <Text as="h3" weight="semibold" id="ownership-heading">
            {t('delegates.ownershipTitle')}
          </Text>
          <Caption1>{t('delegates.ownershipExplain')}</Caption1>
          <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
            <Field label={t('delegates.ownershipEmail')}>
              <Input type="email" value={heirEmail} onChange={(_, d) => setHeirEmail(d.value)} data-testid="ownership-email" />
            </Field>
            <Button type="submit" disabled={heirEmail.trim() === ''} data-testid="ownership-start">
              {t('delegates.makeOwner')}
            </Button>
          </div>
        </form>
      )}
      {/* Mounted even when closed: unmounting an open Fluent dialog leaves aria-hidden on the page. */}
      <Dialog open={heir !== null} onOpenChange={(_, d) => !d.open && setHeir(null)}>
        <DialogSurface>
          {heir && (
            <DialogBody>
              <DialogTitle>{t('delegates.makeOwnerTitle', { email: heir.email })}</DialogTitle>
              <DialogContent>{t('delegates.makeOwnerExplain', { email: heir.email })}</DialogContent>
              <DialogActions>
                <Button onClick={() => setHeir(null)}>{t('common.cancel')}</Button>
                <Button
                  appearance="primary"
                  onClick={() => {
                    const target = heir;
                    setHeir(null);
                    void act(async () => {
                      await api.transferOwnership(subscription.id, target.to, locale);
                      setHeirEmail('');
                    }, t('delegates.ownerChanged', { email: target.email })).then(onChanged);
                  }}
                  data-testid="ownership-confirm"
                >
                  {t('delegates.makeOwner')}
                </Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </section>
  );
}
