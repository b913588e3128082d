import { en } from '#shared/i18n/en.js';
import type { MessageKey, Translator } from '#shared/i18n/translate.js';
import type { Role } from '#shared/permissions/permissions.js';
import { ApiRequestError } from '../api/apiClient.js';

/**
 * A translated message for the API's error codes we know; the server's own (English) text otherwise.
 * `role` 'partner': partner staff acting for a customer get what a refusal means for them (the
 * customer ended or did not grant the access) instead of the generic text.
 */
export function errorText(error: unknown, t: Translator, role?: Role): string {
  if (error instanceof ApiRequestError) {
    if (error.code === 'NETWORK') return t('errors.network');
    const partnerKey = `apiError.partner.${error.code}`;
    if (role === 'partner' && partnerKey in en) return t(partnerKey as MessageKey);
    const key = `apiError.${error.code}`;
    return key in en ? t(key as MessageKey) : error.message;
  }
  return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
}
