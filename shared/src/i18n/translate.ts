/**
 * Tiny typed message lookup. Catalogs are plain objects; English is the reference and its
 * type forces French and German to define every key (a missing translation is a compile error).
 * Parameters are written `{name}` in messages and substituted verbatim: callers that put the
 * result into HTML must escape it (React does this for them).
 *
 * A message that depends on a count uses ICU plural syntax, formatted by intl-messageformat with
 * the language's CLDR plural rules (French says "1 licence", "0 licence"; `#` is the count in the
 * language's number format): `{count, plural, one {# seat} other {# seats}}`. A quantity shown
 * without a plural is `{total, number}`, in the language's digits and grouping through Intl
 * ("10,000", "10 000", "10.000"); a plain `{row}` stays as given (a row's number, a code). Only
 * messages with a plural or a number go through it, so the `{{First Name}}` examples elsewhere
 * stay literal text.
 */
import { memoize, strategies } from '@formatjs/fast-memoize';
import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import { en } from './en.js';

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
export type Locale = 'en' | 'fr' | 'de';

export const SUPPORTED_LOCALES: readonly Locale[] = ['en', 'fr', 'de'];

/**
 * English is always here; French and German are registered when needed: the server registers all
 * (./allCatalogs.ts), the pages load the one they show (a third of the catalog bytes in the pane).
 * A language not registered yet reads as English.
 */
const catalogs: Partial<Record<Locale, Catalog>> = { en };

export function registerCatalog(locale: Locale, catalog: Catalog): void {
  catalogs[locale] = catalog;
}

export function hasCatalog(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

/** Picks the supported locale for a BCP 47 tag such as `fr-CH` or `de`; English otherwise. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(primary ?? '') ? (primary as Locale) : 'en';
}

export type MessageParams = Record<string, string | number>;

/** Whether a message is ICU syntax (a plural, or a number formatted for the language) rather than plain `{name}` substitution. */
export function usesIcu(message: string): boolean {
  return /\{\w+, (plural|number)[,}]/.test(message);
}

const pluralFormats = new Map<string, IntlMessageFormat>();

/**
 * The Intl objects every message formats with, made once for all messages (as formatjs advises):
 * each IntlMessageFormat otherwise makes its own number formats and plural rules, and a screen
 * showing twenty counted messages for the first time paid for twenty of each.
 */
const sharedFormatters: Formatters = {
  getNumberFormat: memoize(
    (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
    {
      strategy: strategies.variadic,
    },
  ),
  getDateTimeFormat: memoize(
    (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
    { strategy: strategies.variadic },
  ),
  getPluralRules: memoize((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args), {
    strategy: strategies.variadic,
  }),
};

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const shown = catalogs[locale] ? locale : 'en';
  const template = (catalogs[locale] ?? en)[key];
  if (usesIcu(template)) {
    const id = `${shown}:${key}`;
    let format = pluralFormats.get(id);
    if (!format) {
      format = new IntlMessageFormat(template, shown, undefined, { formatters: sharedFormatters });
      pluralFormats.set(id, format);
    }
    return String(format.format(params ?? {}));
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export type Translator = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}

/** Formats an amount held in integer minor units (cents) for display; never does arithmetic in floats. */
export function formatMoney(amountMinor: number, currency: string, locale: Locale): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** digits);
}

/** A rate in basis points as a percentage in the language's writing (810 → "8.1%" in English, "8,1 %" in French and German). */
export function formatRate(rateBp: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(rateBp / 10000);
}

/** A file's size in the language's units and digits ("12 kB", "12 ko", "1,5 Mo"). */
export function formatFileSize(bytes: number, locale: Locale): string {
  const megabytes = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: megabytes ? 1 : 0,
  }).format(megabytes ? bytes / (1024 * 1024) : Math.max(1, Math.ceil(bytes / 1024)));
}

/**
 * A length of time given in whole seconds, in the language's units (Intl): "22 days 23 hr 3 min 57 sec",
 * "22 jours 23 h 3 min 57 s", "22 Tage, 23 Std., 3 Min. und 57 Sek."; parts that are zero left out.
 */
export function formatDuration(seconds: number, locale: Locale): string {
  const parts: Array<[unit: string, value: number]> = [
    ['day', Math.floor(seconds / 86_400)],
    ['hour', Math.floor(seconds / 3600) % 24],
    ['minute', Math.floor(seconds / 60) % 60],
    ['second', seconds % 60],
  ];
  const shown = parts.filter(([, value]) => value > 0);
  const written = (shown.length > 0 ? shown : [['second', 0] as [string, number]]).map(([unit, value]) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'day' ? 'long' : 'short' }).format(
      value,
    ),
  );
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(written);
}

export function formatDate(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(epochMs));
}

export function formatDateTime(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(epochMs));
}
