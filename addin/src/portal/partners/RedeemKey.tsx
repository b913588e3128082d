/** P4: a customer redeems a product key from their partner, for a new subscription or to extend one of theirs of the same plan. */
import {
  Button,
  Caption1,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  mergeClasses,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { formatDate, type MessageKey } from '#shared/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PortalApi } from '../usePortalApi.js';
import { PageTitle, BackLink } from '../../components/PageTitle.js';

export function RedeemKey({ api }: { api: PortalApi }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const [key, setKey] = useState('');
  const [target, setTarget] = useState('');
  // The subscriptions a key can extend: those the person may pay for, not ended.
  const redeeming = useAsyncAction(
    useCallback(
      async () =>
        (await api.subscriptions()).subscriptions.filter(
          (s) => s.actions.includes('billing.manage') && s.status !== 'cancelled',
        ),
      [api],
    ),
  );
  const subscriptions = redeeming.data ?? [];
  const [result, setResult] = useState<Awaited<ReturnType<PortalApi['redeemProductKey']>> | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    void redeeming.run(async () => {
      setResult(await api.redeemProductKey(key.trim(), target || undefined));
      setKey('');
    });
  };

  return (
    <section
      className={mergeClasses(layout.stackM, layout.narrow)}
      aria-labelledby="redeem-heading"
      data-testid="redeem-key"
    >
      <BackLink />
      <PageTitle id="redeem-heading">{t('partners.redeem.title')}</PageTitle>
      <Caption1>{t('partners.redeem.explain')}</Caption1>
      <Feedback error={redeeming.error} testId="redeem" />
      {result && (
        <MessageBar intent="success">
          <MessageBarBody data-testid="redeem-done">
            {t(result.created ? 'partners.redeem.created' : 'partners.redeem.extended', {
              plan: t(`plan.${result.plan}` as MessageKey),
              quantity: result.quantity,
              date: formatDate(Date.parse(result.periodEnd), locale),
            })}{' '}
            <Link href={`#/subscriptions/${result.subscriptionId}`} data-testid="redeem-open">
              {t('accept.open')}
            </Link>
          </MessageBarBody>
        </MessageBar>
      )}
      <form onSubmit={(e) => void submit(e)} className={layout.stackS}>
        <Field label={t('partners.redeem.key')} hint={t('partners.redeem.keyHint')}>
          <Input
            value={key}
            onChange={(_, d) => setKey(d.value)}
            autoComplete="off"
            spellCheck={false}
            className={layout.mono}
            data-testid="redeem-input"
          />
        </Field>
        <Field label={t('partners.redeem.target')}>
          <Select
            value={target}
            onChange={(_, d) => setTarget(d.value)}
            select={{ className: layout.fullWidth }}
            data-testid="redeem-target"
          >
            <option value="">{t('partners.redeem.newSubscription')}</option>
            {subscriptions.map((s) => (
              <option key={s.id} value={s.id}>
                {t('partners.redeem.extend', {
                  plan: t(`plan.${s.plan}` as MessageKey),
                  quantity: s.quantity,
                  date: formatDate(Date.parse(s.periodEnd), locale),
                })}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          appearance="primary"
          type="submit"
          disabled={redeeming.busy || key.trim() === ''}
          className={layout.start}
          data-testid="redeem"
        >
          {t('partners.redeem.submit')}
        </Button>
      </form>
    </section>
  );
}
