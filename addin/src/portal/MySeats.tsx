/**
 * The signed-in person's own seats on the portal's dashboard (issue 10, finding 4): the seat that
 * licenses them, and the seats organisations of other Microsoft 365 tenants bound to them, each of
 * which they may leave after confirming. Leaving is final: that organisation no longer sees their
 * check-ins nor decides their license, and only it can assign the seat again. The pane offers the
 * same (taskpane/admin/AdminPanel.tsx); the server decides what may be left (`leaveSeat`).
 */
import { message, type Message } from '#shared/i18n/message.js';
import {
  Button,
  Caption1,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { MessageKey } from '#shared/i18n/translate.js';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import type { MyLicenseView, MySeatView, PortalApi } from './usePortalApi.js';

const useStyles = makeStyles({
  card: { padding: '16px', display: 'flex', flexDirection: 'column', gap: '8px', maxWidth: '720px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  foreign: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: '12px',
    flexWrap: 'wrap',
    paddingTop: '8px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  text: { flex: '1 1 240px' },
});

export function MySeats({ api }: { api: PortalApi }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [mine, setMine] = useState<MyLicenseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [leaving, setLeaving] = useState<MySeatView | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.myLicense().then(setMine, (e: unknown) => setError(errorText(e, t)));
  }, [api, t]);
  useEffect(load, [load]);

  const leave = async (seat: MySeatView) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api.leaveSeat(seat.id);
      setNotice(message('paneAdmin.leftSeat', { organisation: seat.organisation }));
      load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
      setLeaving(null);
    }
  };

  const status = (value: MySeatView['status']) =>
    value === 'removed' ? t('mySeats.removed') : t(`paneAdmin.status.${value}` as MessageKey);
  const foreign = mine?.foreignSeats ?? [];
  // Someone without any seat (a buyer, a delegate) has nothing here; an error is still said.
  if (!error && !notice && (!mine || (!mine.seat && foreign.length === 0))) return null;
  return (
    <Card className={styles.card} aria-labelledby="my-seats-heading" data-testid="my-seats">
      <Text as="h2" size={500} weight="semibold" id="my-seats-heading">
        {t('mySeats.title')}
      </Text>
      <Feedback error={error} notice={notice} testId="my-seats" />
      {mine?.seat && (
        <Caption1 data-testid="my-seat">
          {t('mySeats.own', { status: status(mine.seat.status), contact: mine.seat.contact })}
        </Caption1>
      )}
      {foreign.length > 0 && (
        <ul className={styles.list}>
          {foreign.map((seat) => (
            <li key={seat.id} className={styles.foreign} data-testid="my-foreign-seat">
              <Caption1 className={styles.text}>
                {t('mySeats.foreign', {
                  organisation: seat.organisation,
                  contact: seat.contact,
                  status: status(seat.status),
                })}
              </Caption1>
              <Button
                size="small"
                onClick={() => setLeaving(seat)}
                aria-label={t('paneAdmin.leaveSeat', { organisation: seat.organisation })}
              >
                {t('mySeats.leave')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {/* Mounted even when closed: unmounting an open Fluent dialog leaves aria-hidden on the page. */}
      <Dialog open={leaving !== null} onOpenChange={(_, d) => !d.open && !busy && setLeaving(null)}>
        <DialogSurface>
          {leaving && (
            <DialogBody>
              <DialogTitle>{t('mySeats.leaveTitle', { organisation: leaving.organisation })}</DialogTitle>
              <DialogContent>
                {t('mySeats.leaveExplain', { organisation: leaving.organisation, contact: leaving.contact })}
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setLeaving(null)} disabled={busy}>
                  {t('common.cancel')}
                </Button>
                <Button
                  appearance="primary"
                  onClick={() => void leave(leaving)}
                  disabled={busy}
                  data-testid="leave-seat-confirm"
                >
                  {t('mySeats.leaveConfirm')}
                </Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </Card>
  );
}
