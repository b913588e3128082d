/**
 * Consolidation (A9): the owner merges other subscriptions of the organisation into this one.
 * Their users keep a seat here, they end now, and their unused time becomes credit; if the seats
 * no longer fit, this subscription grows and the difference is charged to its card.
 */
import { message } from '#shared/i18n/message.js';
import { Button, Caption1, Checkbox, Text } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import { canBeMerged } from '#shared/billing/subscriptionState.js';
import { formatDate, type MessageKey } from '#shared/i18n/translate.js';
import { ActionDialog, useDialogOpen } from '../components/ActionDialog.js';
import { Feedback } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { idempotencyKeys } from './idempotencyKeys.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';

export function ConsolidateDialog({
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
  // Each opening starts with nothing chosen and no message from the last one.
  const [open, setOpen] = useDialogOpen(() => {
    setChosen(new Set());
    merging.say(null);
  });
  const listSubscriptions = useCallback(() => api.subscriptions(), [api]);
  // Read when the dialog opens: the owner's other subscriptions that may be merged (consolidation is the owner's).
  const merging = useAsyncAction(open ? listSubscriptions : null);
  const candidates =
    merging.data?.subscriptions.filter(
      (s) => s.id !== subscription.id && s.role === 'owner' && canBeMerged(s.status),
    ) ?? null;
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const keyFor = useMemo(idempotencyKeys, []);

  const moving = (candidates ?? []).filter((s) => chosen.has(s.id)).reduce((sum, s) => sum + s.assigned, 0);
  const merge = () => {
    const sources = [...chosen].sort();
    void merging
      .run(
        async () => {
          const result = await api.consolidate(subscription.id, sources, keyFor(sources));
          setChosen(new Set());
          return result;
        },
        {
          notice: (result) =>
            message('consolidate.done', {
              count: result.cancelled.length,
              seats: result.seatsMoved,
              quantity: result.quantity,
              charged: { money: result.chargedMinor, currency: result.currency },
              credit: { money: result.creditMinor, currency: result.currency },
            }),
        },
      )
      .then((done) => done && onChanged());
  };

  return (
    <ActionDialog
      open={open}
      onOpenChange={setOpen}
      opener={t('consolidate.open')}
      openerTestId="consolidate"
      title={t('consolidate.title')}
      contentClassName={layout.stackS}
      action={
        <Button
          appearance="primary"
          disabled={chosen.size === 0 || merging.busy}
          onClick={merge}
          data-testid="consolidate-confirm"
        >
          {t('consolidate.confirm')}
        </Button>
      }
    >
      <Caption1>{t('consolidate.explain')}</Caption1>
      {candidates !== null && candidates.length === 0 && (
        <Text data-testid="consolidate-none">{t('consolidate.none')}</Text>
      )}
      {(candidates ?? []).map((s) => (
        <Checkbox
          key={s.id}
          data-testid={`consolidate-source-${s.id}`}
          checked={chosen.has(s.id)}
          onChange={(_, data) =>
            setChosen((set) => {
              const next = new Set(set);
              if (data.checked) next.add(s.id);
              else next.delete(s.id);
              return next;
            })
          }
          label={t('consolidate.source', {
            plan: t(`plan.${s.plan}` as MessageKey),
            quantity: s.quantity,
            assigned: s.assigned,
            date: formatDate(Date.parse(s.periodEnd), locale),
          })}
        />
      ))}
      {chosen.size > 0 && (
        <Text data-testid="consolidate-summary">
          {t('consolidate.summary', { seats: moving, free: subscription.quantity - subscription.assigned })}
        </Text>
      )}
      <Feedback error={merging.error} notice={merging.notice} testId="consolidate" />
    </ActionDialog>
  );
}
