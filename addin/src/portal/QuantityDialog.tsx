/**
 * Changing the number of seats (B3) with a live preview: what is charged now (prorated to the
 * second, tax included) and the new price per period (before tax, as everywhere a price per period is shown); confirming sends the preview's proration
 * second and amount back, so the charge is the amount shown.
 */
import { Button, Caption1, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, SpinButton, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { QuantityPreviewView } from '../../../shared/src/api/views.js';
import { formatDate, formatMoney } from '../../../shared/src/i18n/translate.js';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatRate } from './Checkout.js';
import { errorText } from './errorText.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';

export function QuantityDialog({ api, subscription, onChanged }: { api: PortalApi; subscription: SubscriptionSummary; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [quantity, setQuantity] = useState<number | null>(subscription.quantity);
  const [preview, setPreview] = useState<QuantityPreviewView | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

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
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (!current) return;
          setPreview(null);
          setError(errorText(e, t));
          setLoading(false);
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, open, quantity, subscription.id, t]);

  const confirm = async () => {
    if (!preview) return;
    const body = { quantity: preview.newQuantity, prorationDate: preview.prorationDate, expectedAmountMinor: preview.amountDueMinor };
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: crypto.randomUUID() };
    setSaving(true);
    setError(null);
    try {
      const result = await api.changeQuantity(subscription.id, body, attempt.current.key);
      setNotice(result.pendingQuantity !== null ? t('quantity.scheduled', { quantity: result.pendingQuantity, date: formatDate(Date.parse(preview.periodEnd), locale) }) : t('quantity.done', { quantity: result.quantity }));
      onChanged();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const money = (minor: number) => formatMoney(minor, preview?.currency ?? 'EUR', locale);
  const interval = subscription.plan === 'annual' ? t('checkout.interval.year') : t('checkout.interval.month');
  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (data.open) {
          setQuantity(subscription.quantity);
          setNotice(null);
          setError(null);
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button data-testid="change-quantity">{t('quantity.open')}</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('quantity.title')}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Field label={t('quantity.new')}>
              <SpinButton
                min={1}
                max={100000}
                value={quantity}
                data-testid="new-quantity"
                onChange={(_, data) => setQuantity(data.value !== undefined ? (data.value ?? null) : data.displayValue ? Number(data.displayValue) : null)}
              />
            </Field>
            {loading && !preview && <Spinner size="tiny" label={t('common.loading')} />}
            {preview && (
              <div data-testid="quantity-preview" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                {preview.effective === 'now' && (
                  <div style={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: '4px 16px' }}>
                    <Text>{t('quantity.unused', { quantity: preview.quantity })}</Text>
                    <Text align="end">{money(preview.creditMinor)}</Text>
                    <Text>{t('quantity.remaining', { quantity: preview.newQuantity, date: formatDate(Date.parse(preview.periodEnd), locale) })}</Text>
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
                {preview.effective === 'renewal' && <Text>{t('quantity.decrease', { date: formatDate(Date.parse(preview.periodEnd), locale) })}</Text>}
                {preview.effective === 'none' && <Text>{t('quantity.same')}</Text>}
                {preview.effective !== 'none' && <Caption1 data-testid="quantity-recurring">{t('quantity.recurring', { amount: money(preview.recurringMinor), interval })}</Caption1>}
              </div>
            )}
            {subscription.assigned > 0 && <Caption1>{t('quantity.belowAssigned', { assigned: subscription.assigned })}</Caption1>}
            <Feedback error={error} notice={notice} testId="quantity" />
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>{t('common.close')}</Button>
            </DialogTrigger>
            <Button appearance="primary" disabled={!preview || preview.effective === 'none' || saving || loading || notice !== null} onClick={() => void confirm()} data-testid="confirm-quantity">
              {preview?.effective === 'now' ? t('checkout.pay', { amount: money(preview.amountDueMinor) }) : t('quantity.confirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
