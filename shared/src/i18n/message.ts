/**
 * A message kept as data (a catalog key and its values) and written when it is shown, so a
 * confirmation that stays on screen follows a language change (a French screen showed "Saved."
 * after switching: the text had been made in English when the action finished). Amounts and
 * dates stay values and are formatted in the language of the moment too.
 */
import { formatDate, formatMoney, translate, type Locale, type MessageKey } from './translate.js';

export type MessageValue = string | number | { money: number; currency: string } | { date: number } | Message;

export interface Message {
  key: MessageKey;
  params?: Readonly<Record<string, MessageValue>>;
}

export function message(key: MessageKey, params?: Readonly<Record<string, MessageValue>>): Message {
  return params ? { key, params } : { key };
}

export function messageText(value: Message, locale: Locale): string {
  const params: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(value.params ?? {})) {
    params[name] =
      typeof param !== 'object'
        ? param
        : 'key' in param
          ? messageText(param, locale)
          : 'money' in param
            ? formatMoney(param.money, param.currency, locale)
            : formatDate(param.date, locale);
  }
  return translate(locale, value.key, params);
}
