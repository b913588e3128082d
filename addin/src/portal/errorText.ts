import type { Translator } from '../../../shared/src/i18n/translate.js';
import { ApiRequestError } from '../api/apiClient.js';

/** The API's own message is already written for people; network failures get ours. */
export function errorText(error: unknown, t: Translator): string {
  if (error instanceof ApiRequestError) return error.code === 'NETWORK' ? t('errors.network') : error.message;
  return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
}
