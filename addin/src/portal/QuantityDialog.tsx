/**
 * Changing the number of seats (B3) with a live preview: what is charged now (prorated to the
 * second, tax included) and the new price per period (before tax, as everywhere a price per
 * period is shown); confirming sends the preview's proration second and amount back, so the
 * charge is the amount shown.
 */
import { message } from '#shared/i18n/message.js';
import { Button, Caption1, Field, SpinButton, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { QuantityChangeResult, QuantityPreviewView } from '#shared/api/views.js';
import { formatDate, formatMoney, formatRate } from '#shared/i18n/translate.js';
import { ActionDialog, useDialogOpen } from '../components/ActionDialog.js';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import { idempotencyKeys } from './idempotencyKeys.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';
import { useLayout } from '../components/layout.js';

const useStyles = makeStyles({
  /** Each line's label and its amount, amounts aligned on the right. */
  amounts: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
  },
});

export function QuantityDialog({
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
  const styles = useStyles();
  const [quantity, setQuantity] = useState<number | null>(subscription.quantity);
  const [preview, setPreview] = useState<QuantityPreviewView | null>(null);
  const [loading, setLoading] = useState(false);
  /** Why no preview could be made (the confirmation's own errors are the action's). */
  const [previewError, setPreviewError] = useState<string | null>(null);
  const change = useAsyncAction<never>(null);
  const [open, setOpen] = useDialogOpen(() => {
    setQuantity(subscription.quantity);
    change.say(null);
    setPreviewError(null);
  });
  const keyFor = useMemo(idempotencyKeys, []);

  useEffect(() => {
    if (!open || quantity === null || !Number.isInteger(quantity) || quantity < 1 || quantity > 100000) {
      setPreview(null);
      return;
    }
    let current = true;
    setLoading(true);
    // A short pause after typing, so that each keystroke does not ask for a preview.
    const timer = setTimeout(() => {
      api.previewQuantity(subscription.id, quantity).then(
        (p) => {
          if (!current) return;
          setPreview(p);
          setPreviewError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (!current) return;
          setPreview(null);
          setPreviewError(errorText(e, t));
          setLoading(false);
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, open, quantity, subscription.id, t]);

  const confirm = () => {
    if (!preview) return;
    const body = {
      quantity: preview.newQuantity,
      prorationDate: preview.prorationDate,
      expectedAmountMinor: preview.amountDueMinor,
    };
    const notice = (result: QuantityChangeResult) =>
      result.pendingQuantity !== null
        ? message('quantity.scheduled', {
            quantity: result.pendingQuantity,
            date: { date: Date.parse(preview.periodEnd) },
          })
        : message('quantity.done', { quantity: result.quantity });
    void change
      .run(() => api.changeQuantity(subscription.id, body, keyFor(body)), { notice })
      .then((done) => done && onChanged());
  };

  const money = (minor: number) => formatMoney(minor, preview?.currency ?? 'EUR', locale);
  const interval = subscription.plan === 'annual' ? t('checkout.interval.year') : t('checkout.interval.month');
  return (
    <ActionDialog
      open={open}
      onOpenChange={setOpen}
      opener={t('quantity.open')}
      openerTestId="change-quantity"
      title={t('quantity.title')}
      contentClassName={layout.stackM}
      action={
        <Button
          appearance="primary"
          disabled={!preview || preview.effective === 'none' || change.busy || loading || change.notice !== null}
          onClick={confirm}
          data-testid="confirm-quantity"
        >
          {preview?.effective === 'now'
            ? t('checkout.pay', { amount: money(preview.amountDueMinor) })
            : t('quantity.confirm')}
        </Button>
      }
    >
      <Field label={t('quantity.new')}>
        <SpinButton
          min={1}
          max={100000}
          value={quantity}
          data-testid="new-quantity"
          onChange={(_, data) =>
            setQuantity(
              data.value !== undefined ? (data.value ?? null) : data.displayValue ? Number(data.displayValue) : null,
            )
          }
        />
      </Field>
      {loading && !preview && <Spinner size="tiny" label={t('common.loading')} />}
      {preview && (
        <div data-testid="quantity-preview" className={layout.stackSNudge}>
          {preview.effective === 'now' && (
            <div className={styles.amounts}>
              <Text>{t('quantity.unused', { quantity: preview.quantity })}</Text>
              <Text align="end">{money(preview.creditMinor)}</Text>
              <Text>
                {t('quantity.remaining', {
                  quantity: preview.newQuantity,
                  date: formatDate(Date.parse(preview.periodEnd), locale),
                })}
              </Text>
              <Text align="end">{money(preview.debitMinor)}</Text>
              {preview.creditAppliedMinor > 0 && (
                <>
                  <Text>{t('quantity.creditApplied')}</Text>
                  <Text align="end">{money(-preview.creditAppliedMinor)}</Text>
                </>
              )}
              <Text>{t('checkout.tax', { rate: formatRate(preview.taxRateBp, locale) })}</Text>
              <Text align="end">{money(preview.taxMinor)}</Text>
            </div>
          )}
          {preview.effective === 'now' && (
            <Text weight="semibold" data-testid="quantity-due">
              {t('quantity.dueNow', { amount: money(preview.amountDueMinor) })}
            </Text>
          )}
          {preview.effective === 'renewal' && (
            <Text>{t('quantity.decrease', { date: formatDate(Date.parse(preview.periodEnd), locale) })}</Text>
          )}
          {preview.effective === 'none' && <Text>{t('quantity.same')}</Text>}
          {preview.effective !== 'none' && (
            <Caption1 data-testid="quantity-recurring">
              {t('quantity.recurring', { amount: money(preview.recurringMinor), interval })}
            </Caption1>
          )}
        </div>
      )}
      {subscription.assigned > 0 && (
        <Caption1>{t('quantity.belowAssigned', { assigned: subscription.assigned })}</Caption1>
      )}
      <Feedback error={previewError ?? change.error} notice={change.notice} testId="quantity" />
    </ActionDialog>
  );
}
