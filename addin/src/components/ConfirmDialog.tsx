/** Asks before a change that cannot be taken back (handing over ownership, ending a partner's access). */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider.js';

/** `question` null: closed. Mounted even when closed: unmounting an open Fluent dialog leaves aria-hidden on the page. */
export function ConfirmDialog(props: {
  question: { title: string; text: string; confirm: string; dismiss?: string } | null;
  onConfirm: () => void;
  onCancel: () => void;
  confirmTestId?: string;
}) {
  const { question, onConfirm, onCancel, confirmTestId } = props;
  const { t } = useI18n();
  return (
    <Dialog open={question !== null} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface>
        {question && (
          <DialogBody>
            <DialogTitle>{question.title}</DialogTitle>
            <DialogContent>{question.text}</DialogContent>
            <DialogActions>
              <Button onClick={onCancel}>{question.dismiss ?? t('common.cancel')}</Button>
              <Button appearance="primary" onClick={onConfirm} data-testid={confirmTestId}>
                {question.confirm}
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
