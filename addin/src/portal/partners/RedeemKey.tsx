/** P4: a customer redeems a product key from their partner, for a new subscription or to extend one of theirs of the same plan. */
import { Button, Caption1, Field, Input, Link, MessageBar, MessageBarBody, Select, Text } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { formatDate, type MessageKey } from '../../../../shared/src/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PortalApi, SubscriptionSummary } from '../usePortalApi.js';

export function RedeemKey({ api }: { api: PortalApi }) {
  const { t, locale } = useI18n();
  const [key, setKey] = useState('');
  const [target, setTarget] = useState('');
  const [subscriptions, setSubscriptions] = useState<SubscriptionSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Awaited<ReturnType<PortalApi['redeemProductKey']>> | null>(null);

  useEffect(() => {
    api.subscriptions().then(
      (r) => setSubscriptions(r.subscriptions.filter((s) => s.actions.includes('billing.manage') && s.status !== 'cancelled')),
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [api, t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.redeemProductKey(key.trim(), target || undefined));
      setKey('');
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 640 }} aria-labelledby="redeem-heading" data-testid="redeem-key">
      <Link href="#/">← {t('portal.back')}</Link>
      <Text as="h2" size={500} weight="semibold" id="redeem-heading">
        {t('partners.redeem.title')}
      </Text>
      <Caption1>{t('partners.redeem.explain')}</Caption1>
      <Feedback error={error} testId="redeem" />
      {result && (
        <MessageBar intent="success">
          <MessageBarBody data-testid="redeem-done">
            {t(result.created ? 'partners.redeem.created' : 'partners.redeem.extended', { plan: t(`plan.${result.plan}` as MessageKey), quantity: result.quantity, date: formatDate(Date.parse(result.periodEnd), locale) })}{' '}
            <Link href={`#/subscriptions/${result.subscriptionId}`} data-testid="redeem-open">
              {t('accept.open')}
            </Link>
          </MessageBarBody>
        </MessageBar>
      )}
      <form onSubmit={(e) => void submit(e)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Field label={t('partners.redeem.key')} hint={t('partners.redeem.keyHint')}>
          <Input value={key} onChange={(_, d) => setKey(d.value)} autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="redeem-input" />
        </Field>
        <Field label={t('partners.redeem.target')}>
          <Select value={target} onChange={(_, d) => setTarget(d.value)} data-testid="redeem-target">
            <option value="">{t('partners.redeem.newSubscription')}</option>
            {subscriptions.map((s) => (
              <option key={s.id} value={s.id}>
                {t('partners.redeem.extend', { plan: t(`plan.${s.plan}` as MessageKey), quantity: s.quantity, date: formatDate(Date.parse(s.periodEnd), locale) })}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" type="submit" disabled={busy || key.trim() === ''} style={{ alignSelf: 'flex-start' }} data-testid="redeem">
          {t('partners.redeem.submit')}
        </Button>
      </form>
    </section>
  );
}
