/**
 * A dialog opened from its own button, for a change made in a few steps (seats, consolidation):
 * the title, the content, Close, and the dialog's one action.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

export function ActionDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  opener: string;
  openerTestId: string;
  title: string;
  action: ReactNode;
  contentClassName?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Dialog open={props.open} onOpenChange={(_, data) => props.onOpenChange(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button data-testid={props.openerTestId}>{props.opener}</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent className={props.contentClassName}>{props.children}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>{t('common.close')}</Button>
            </DialogTrigger>
            {props.action}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** The dialog's open state; `onOpen` resets what the last opening left (choices, messages). */
export function useDialogOpen(onOpen: () => void): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  return [
    open,
    (opening) => {
      setOpen(opening);
      if (opening) onOpen();
    },
  ];
}
