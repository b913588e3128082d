import { en } from '../../../shared/src/i18n/en.js';
import type { MessageKey, Translator } from '../../../shared/src/i18n/translate.js';
import { ApiRequestError } from '../api/apiClient.js';

/** A translated message for the API's error codes we know; the server's own (English) text otherwise. */
export function errorText(error: unknown, t: Translator): string {
  if (error instanceof ApiRequestError) {
    if (error.code === 'NETWORK') return t('errors.network');
    const key = `apiError.${error.code}`;
    return key in en ? t(key as MessageKey) : error.message;
  }
  return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
}
