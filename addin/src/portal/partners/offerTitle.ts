/** An offer's title: the partner's name for it, or plan and seats in the reader's language. */
import type { OfferPublicView, OfferView } from '#shared/api/views.js';
import type { MessageKey, Translator } from '#shared/i18n/translate.js';

export function offerTitle(
  offer: Pick<OfferView | OfferPublicView, 'name' | 'plan' | 'quantity'>,
  t: Translator,
): string {
  return (
    offer.name ?? t('dashboard.cardTitle', { plan: t(`plan.${offer.plan}` as MessageKey), quantity: offer.quantity })
  );
}
