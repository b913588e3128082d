import { Caption1, Link, Text } from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider.js';

export function ItHelp() {
  const { t } = useI18n();
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 720 }} aria-labelledby="it-help-heading">
      <Link href="#/">← {t('portal.back')}</Link>
      <Text as="h2" size={500} weight="semibold" id="it-help-heading">
        {t('ithelp.title')}
      </Text>
      <Text as="h3" weight="semibold">
        {t('ithelp.installTitle')}
      </Text>
      <Caption1>{t('ithelp.install')}</Caption1>
      <Link href="/manifest.xml" download>
        {t('ithelp.manifest')}
      </Link>
      <Text as="h3" weight="semibold">
        {t('ithelp.troubleshootTitle')}
      </Text>
      <Caption1>{t('ithelp.troubleshoot')}</Caption1>
    </section>
  );
}
