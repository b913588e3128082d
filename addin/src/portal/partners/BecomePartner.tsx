/** P1: the signed-in person makes their organisation a partner and becomes its owner. */
import { Button, Caption1, Field, Input, Link, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { PartnerView } from '../../../../shared/src/api/views.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PortalApi } from '../usePortalApi.js';
import { navigate } from '../useHashRoute.js';

export function BecomePartner({ api, onEnrolled }: { api: PortalApi; onEnrolled: (partner: PartnerView) => void }) {
  const { t, locale } = useI18n();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const partner = await api.enrolPartner(name.trim(), locale);
      onEnrolled(partner);
      navigate(`/partners/${partner.id}/customers`);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 640 }} aria-labelledby="become-partner-heading">
      <Link href="#/">← {t('portal.back')}</Link>
      <Text as="h2" size={500} weight="semibold" id="become-partner-heading">
        {t('partners.become.title')}
      </Text>
      <Caption1>{t('partners.become.explain')}</Caption1>
      <Feedback error={error} testId="become-partner" />
      <form onSubmit={(e) => void submit(e)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Field label={t('partners.become.name')} required hint={t('partners.become.nameHint')}>
          <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={120} data-testid="partner-name" />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy || name.trim() === ''} style={{ alignSelf: 'flex-start' }} data-testid="become-partner">
          {t('partners.become.submit')}
        </Button>
      </form>
    </section>
  );
}
