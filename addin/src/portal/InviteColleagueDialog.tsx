/**
 * Consolidation by invitation, the inviter's side (issue 15, point 4): the owner names a
 * colleague by their work address, sees what merging their individual subscription would do
 * today (seats, free seats here, the credit — the server's preview, computed as the merge is),
 * and sends the invitation; the invitations sent are listed with their state, pending ones can be
 * withdrawn. Nothing merges until the colleague accepts in their own portal.
 */
import { Button, Caption1, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { ConsolidationInvitationView, ConsolidationPreview } from '#shared/api/views.js';
import { message } from '#shared/i18n/message.js';
import { formatDate, formatMoney, type MessageKey } from '#shared/i18n/translate.js';
import { ActionDialog, useDialogOpen } from '../components/ActionDialog.js';
import { Feedback } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';

const useStyles = makeStyles({
  preview: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
  },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  field: { flex: '1 1 240px' },
});

export function InviteColleagueDialog({ api, subscription }: { api: PortalApi; subscription: SubscriptionSummary }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const [preview, setPreview] = useState<ConsolidationPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [open, setOpen] = useDialogOpen(() => {
    setEmail('');
    setPreview(null);
    setPreviewError(null);
    sent.say(null);
  });
  const loadSent = useCallback(() => api.mergeInvitationsSent(subscription.id), [api, subscription.id]);
  // The invitations sent, read when the dialog opens and after each change.
  const sent = useAsyncAction(open ? loadSent : null);

  const showPreview = () => {
    setPreviewError(null);
    api.previewMerge(subscription.id, email.trim()).then(setPreview, (error: unknown) => {
      setPreview(null);
      setPreviewError(errorText(error, t));
    });
  };
  const send = () =>
    void sent.run(
      async () => {
        const invitation = await api.inviteMerge(subscription.id, email.trim(), locale);
        setPreview(null);
        setEmail('');
        return invitation;
      },
      {
        notice: (invitation) =>
          message('mergeInvite.sent', { email: invitation.invitee, date: { date: Date.parse(invitation.expiresAt) } }),
      },
    );
  const withdraw = (invitation: ConsolidationInvitationView) =>
    void sent.run(() => api.withdrawMerge(subscription.id, invitation.id), {
      notice: () => message('mergeInvite.withdrawn'),
    });

  const terms = preview?.terms;
  const money = (minor: number) => formatMoney(minor, terms?.currency ?? 'EUR', locale);
  const statusText = (invitation: ConsolidationInvitationView) =>
    invitation.status === 'pending'
      ? t('mergeInvite.status.pending', { date: formatDate(Date.parse(invitation.expiresAt), locale) })
      : t(`mergeInvite.status.${invitation.status}` as MessageKey);

  return (
    <ActionDialog
      open={open}
      onOpenChange={setOpen}
      opener={t('mergeInvite.open')}
      openerTestId="merge-invite"
      title={t('mergeInvite.title')}
      contentClassName={layout.stackS}
      action={
        <Button
          appearance="primary"
          disabled={!terms?.fits || sent.busy}
          onClick={send}
          data-testid="merge-invite-send"
        >
          {t('mergeInvite.send')}
        </Button>
      }
    >
      <Caption1>{t('mergeInvite.explain')}</Caption1>
      <div className={styles.row}>
        <Field label={t('mergeInvite.email')} className={styles.field}>
          <Input
            type="email"
            value={email}
            onChange={(_, data) => {
              setEmail(data.value);
              setPreview(null);
            }}
            data-testid="merge-invite-email"
          />
        </Field>
        <Button disabled={email.trim() === ''} onClick={showPreview} data-testid="merge-invite-preview">
          {t('mergeInvite.preview')}
        </Button>
      </div>
      <Feedback error={previewError} testId="merge-invite-preview" />
      {preview && terms && (
        <div className={styles.preview} data-testid="merge-invite-terms" aria-live="polite">
          <Text>
            {t('mergeInvite.source', {
              colleague: preview.colleague,
              plan: t(`plan.${terms.source.plan}` as MessageKey),
              quantity: terms.source.quantity,
              assigned: terms.source.assigned,
              date: formatDate(Date.parse(terms.source.periodEnd), locale),
            })}
          </Text>
          <Text>{t('mergeInvite.seats', { moving: terms.seatsMoving, free: terms.freeSeats })}</Text>
          <Text weight="semibold" data-testid="merge-invite-credit">
            {t('mergeInvite.credit', { credit: money(terms.creditMinor) })}
          </Text>
          {!terms.fits && (
            <Text data-testid="merge-invite-no-room">
              {t('mergeInvite.noRoom', { missing: terms.seatsMoving - terms.freeSeats })}
            </Text>
          )}
          <Caption1>{t('mergeInvite.expiry', { date: formatDate(Date.parse(preview.expiresAt), locale) })}</Caption1>
        </div>
      )}
      <Feedback error={sent.error} notice={sent.notice} testId="merge-invite" />
      {(sent.data?.invitations.length ?? 0) > 0 && (
        <>
          <Text weight="semibold">{t('mergeInvite.list')}</Text>
          <ul className={styles.list} data-testid="merge-invitations-sent">
            {sent.data!.invitations.map((invitation) => (
              <li key={invitation.id} className={styles.item}>
                <Caption1>
                  {t('mergeInvite.item', { email: invitation.invitee, status: statusText(invitation) })}
                </Caption1>
                {invitation.status === 'pending' && (
                  <Button
                    size="small"
                    disabled={sent.busy}
                    onClick={() => withdraw(invitation)}
                    aria-label={t('mergeInvite.withdrawLabel', { email: invitation.invitee })}
                  >
                    {t('mergeInvite.withdraw')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </ActionDialog>
  );
}
