/** A portal page's title (its h2) and the way back to the dashboard. */
import { Link, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { useFocusOnNavigation } from './focus.js';

/** Takes the focus when its page opens from inside the portal (focus.ts). */
export function PageTitle({ id, children }: { id?: string; children: ReactNode }) {
  const ref = useFocusOnNavigation<HTMLHeadingElement>();
  return (
    <Text as="h2" size={500} weight="semibold" id={id} ref={ref} tabIndex={-1}>
      {children}
    </Text>
  );
}

export function BackLink() {
  const { t } = useI18n();
  return <Link href="#/">← {t('portal.back')}</Link>;
}
