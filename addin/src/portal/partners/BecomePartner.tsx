/** P1: the signed-in person makes their organisation a partner and becomes its owner. */
import { Button, Caption1, Field, Input, mergeClasses } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { PartnerView } from '#shared/api/views.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PortalApi } from '../usePortalApi.js';
import { navigate } from '../useHashRoute.js';
import { useLayout } from '../../components/layout.js';
import { PageTitle, BackLink } from '../../components/PageTitle.js';

export function BecomePartner({ api, onEnrolled }: { api: PortalApi; onEnrolled: (partner: PartnerView) => void }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const [name, setName] = useState('');
  const enrolling = useAsyncAction<never>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void enrolling.run(async () => {
      const partner = await api.enrolPartner(name.trim(), locale);
      onEnrolled(partner);
      navigate(`/partners/${partner.id}/customers`);
    });
  };

  return (
    <section className={mergeClasses(layout.stackM, layout.narrow)} aria-labelledby="become-partner-heading">
      <BackLink />
      <PageTitle id="become-partner-heading">{t('partners.become.title')}</PageTitle>
      <Caption1>{t('partners.become.explain')}</Caption1>
      <Feedback error={enrolling.error} testId="become-partner" />
      <form onSubmit={(e) => void submit(e)} className={layout.stackS}>
        <Field label={t('partners.become.name')} required hint={t('partners.become.nameHint')}>
          <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={120} data-testid="partner-name" />
        </Field>
        <Button
          appearance="primary"
          type="submit"
          disabled={enrolling.busy || name.trim() === ''}
          className={layout.start}
          data-testid="become-partner"
        >
          {t('partners.become.submit')}
        </Button>
      </form>
    </section>
  );
}
