/**
 * Consolidation by invitation, the invited colleague's side (issue 15, point 4): on the
 * dashboard, each request addressed to the signed-in account — who asks, what happens to their
 * subscription and its people, the credit (what accepting does now, computed by the server as the
 * merge is), until when — with Accept and Decline. Shown only while there is one, or a message.
 */
import { Button, Caption1, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { ConsolidationInvitationView } from '#shared/api/views.js';
import { message } from '#shared/i18n/message.js';
import { formatDate, formatMoney, type MessageKey } from '#shared/i18n/translate.js';
import { Feedback } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi } from './usePortalApi.js';

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: '720px',
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  request: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

/** `onMerged`: the dashboard reads its subscriptions again (one ended, a colleague's grew). */
export function MergeRequests({ api, onMerged }: { api: PortalApi; onMerged: () => void }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const requests = useAsyncAction(useCallback(() => api.mergeRequests(), [api]));
  const invitations = requests.data?.invitations ?? [];

  const accept = (invitation: ConsolidationInvitationView) =>
    void requests
      .run(() => api.acceptMerge(invitation.id), {
        notice: (done) =>
          message('mergeRequests.accepted', {
            seats: done.seatsMoved,
            credit: { money: done.creditMinor, currency: done.currency },
            notes: done.creditNotes.join(', '),
          }),
      })
      .then((ok) => ok && onMerged());
  const decline = (invitation: ConsolidationInvitationView) =>
    void requests.run(() => api.declineMerge(invitation.id), {
      notice: () => message('mergeRequests.declined', { inviter: invitation.inviter }),
    });

  if (invitations.length === 0 && !requests.error && !requests.notice) return null;
  return (
    <Card className={styles.card} aria-labelledby="merge-requests-heading" data-testid="merge-requests">
      <Text as="h2" size={500} weight="semibold" id="merge-requests-heading" className={layout.flush}>
        {t('mergeRequests.title')}
      </Text>
      <Feedback error={requests.error} notice={requests.notice} testId="merge-requests" />
      {invitations.length > 0 && (
        <ul className={styles.list}>
          {invitations.map((invitation) => {
            const terms = invitation.terms;
            return (
              <li key={invitation.id} className={styles.request} data-testid="merge-request">
                <Text as="h3" weight="semibold" className={layout.flush}>
                  {t('mergeRequests.heading', { inviter: invitation.inviter })}
                </Text>
                {terms && (
                  <>
                    <Text>
                      {t('mergeRequests.what', {
                        inviter: invitation.inviter,
                        plan: t(`plan.${terms.source.plan}` as MessageKey),
                        quantity: terms.source.quantity,
                        targetPlan: t(`plan.${terms.target.plan}` as MessageKey),
                        targetQuantity: terms.target.quantity,
                      })}
                    </Text>
                    <Text>
                      {t('mergeRequests.seats', {
                        moving: terms.seatsMoving,
                        already: terms.seatsAlreadyThere,
                        inviter: invitation.inviter,
                      })}
                    </Text>
                    <Text weight="semibold" data-testid="merge-request-credit">
                      {t('mergeRequests.credit', { credit: formatMoney(terms.creditMinor, terms.currency, locale) })}
                    </Text>
                    {!terms.fits && (
                      <Text data-testid="merge-request-no-room">
                        {t('mergeRequests.noRoom', { inviter: invitation.inviter })}
                      </Text>
                    )}
                  </>
                )}
                <Caption1>
                  {t('mergeRequests.expires', { date: formatDate(Date.parse(invitation.expiresAt), locale) })}
                </Caption1>
                <div className={layout.rowWrap}>
                  <Button
                    appearance="primary"
                    disabled={requests.busy || terms?.fits === false}
                    onClick={() => accept(invitation)}
                    aria-label={t('mergeRequests.acceptLabel', { inviter: invitation.inviter })}
                    data-testid="merge-request-accept"
                  >
                    {t('mergeRequests.accept')}
                  </Button>
                  <Button
                    disabled={requests.busy}
                    onClick={() => decline(invitation)}
                    aria-label={t('mergeRequests.declineLabel', { inviter: invitation.inviter })}
                    data-testid="merge-request-decline"
                  >
                    {t('mergeRequests.decline')}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
