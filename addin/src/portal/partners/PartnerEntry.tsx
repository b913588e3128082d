/** The dashboard's ways into partner work: the partner area for staff, "Become a partner" otherwise, and redeeming a product key. */
import { Button } from '@fluentui/react-components';
import type { PartnerView } from '#shared/api/views.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { navigate } from '../useHashRoute.js';

export function PartnerEntry({ partners }: { partners: PartnerView[] | null }) {
  const { t } = useI18n();
  return (
    <>
      <Button onClick={() => navigate('/redeem-key')} data-testid="redeem-key-button">
        {t('partners.redeem.open')}
      </Button>
      {partners?.map((partner) => (
        <Button
          key={partner.id}
          onClick={() => navigate(`/partners/${partner.id}/customers`)}
          data-testid="partner-area-button"
        >
          {t('partners.area.open', { name: partner.name })}
        </Button>
      ))}
      {partners?.length === 0 && (
        <Button onClick={() => navigate('/partners/new')} data-testid="become-partner-button">
          {t('partners.become.open')}
        </Button>
      )}
    </>
  );
}
