/**
 * Consolidation (A9): the owner merges other subscriptions of the organisation into this one.
 * Their users keep a seat here, they end now, and their unused time becomes credit; if the seats
 * no longer fit, this subscription grows and the difference is charged to its card.
 */
import { Button, Caption1, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { formatDate, formatMoney, type MessageKey } from '../../../shared/src/i18n/translate.js';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';

const MERGEABLE = new Set(['active', 'trial', 'past_due']);

export function ConsolidateDialog({ api, subscription, onChanged }: { api: PortalApi; subscription: SubscriptionSummary; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [candidates, setCandidates] = useState<SubscriptionSummary[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    api.subscriptions().then(
      ({ subscriptions }) => current && setCandidates(subscriptions.filter((s) => s.id !== subscription.id && s.role === 'owner' && s.actions.includes('subscription.consolidate') && MERGEABLE.has(s.status))),
      (e: unknown) => current && setError(errorText(e, t)),
    );
    return () => {
      current = false;
    };
  }, [api, open, subscription.id, t]);

  const moving = (candidates ?? []).filter((s) => chosen.has(s.id)).reduce((sum, s) => sum + s.assigned, 0);
  const merge = async () => {
    const sources = [...chosen].sort();
    const body = JSON.stringify(sources);
    if (attempt.current?.body !== body) attempt.current = { body, key: crypto.randomUUID() };
    setSaving(true);
    setError(null);
    try {
      const result = await api.consolidate(subscription.id, sources, attempt.current.key);
      setNotice(t('consolidate.done', { count: result.cancelled.length, seats: result.seatsMoved, quantity: result.quantity, charged: formatMoney(result.chargedMinor, result.currency, locale), credit: formatMoney(result.creditMinor, result.currency, locale) }));
      setChosen(new Set());
      setCandidates((list) => (list ?? []).filter((s) => !result.cancelled.includes(s.id)));
      onChanged();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (data.open) {
          setChosen(new Set());
          setNotice(null);
          setError(null);
          setCandidates(null);
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button data-testid="consolidate">{t('consolidate.open')}</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('consolidate.title')}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Caption1>{t('consolidate.explain')}</Caption1>
            {candidates !== null && candidates.length === 0 && <Text data-testid="consolidate-none">{t('consolidate.none')}</Text>}
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
                label={t('consolidate.source', { plan: t(`plan.${s.plan}` as MessageKey), quantity: s.quantity, assigned: s.assigned, date: formatDate(Date.parse(s.periodEnd), locale) })}
              />
            ))}
            {chosen.size > 0 && <Text data-testid="consolidate-summary">{t('consolidate.summary', { seats: moving, free: subscription.quantity - subscription.assigned })}</Text>}
            <Feedback error={error} notice={notice} testId="consolidate" />
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>{t('common.close')}</Button>
            </DialogTrigger>
            <Button appearance="primary" disabled={chosen.size === 0 || saving} onClick={() => void merge()} data-testid="consolidate-confirm">
              {t('consolidate.confirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
