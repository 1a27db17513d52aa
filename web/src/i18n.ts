import type { MessageKey } from './locales/nl.ts';

export type Locale = 'nl' | 'fr' | 'en';
type Dictionary = Record<MessageKey, string>;
const STORAGE_KEY = 'buurtpas.locale';

/**
 * Each language is its own chunk, fetched when first needed: a resident downloads only the language they
 * read. `loadLocale` must have finished before `t` is asked for that language (main.ts awaits the current
 * one before the first render and a new one before switching; pages that speak another language, such as
 * a letter, await theirs).
 */
const loaders: Record<Locale, () => Promise<Dictionary>> = {
  nl: async () => (await import('./locales/nl.ts')).nl,
  fr: async () => (await import('./locales/fr.ts')).fr,
  en: async () => (await import('./locales/en.ts')).en,
};
const dictionaries: Partial<Record<Locale, Dictionary>> = {};
const loading: Partial<Record<Locale, Promise<void>>> = {};

/** Fetches a language's texts once (later calls share the first); rejects when offline and not cached. */
export function loadLocale(l: Locale): Promise<void> {
  if (dictionaries[l]) return Promise.resolve();
  return (loading[l] ??= loaders[l]().then(
    (dictionary) => {
      dictionaries[l] = dictionary;
    },
    (error: unknown) => {
      delete loading[l]; // a later try (back online) fetches again
      throw error;
    },
  ));
}

let current: Locale = initialLocale();

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'nl' || stored === 'fr' || stored === 'en') return stored;
  const browser = navigator.language.slice(0, 2);
  return browser === 'fr' || browser === 'en' ? browser : 'nl';
}

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/**
 * The text for a key that depends on a number, through `Intl.PluralRules`: `key_one` where the language
 * says "one" (nl/en: 1; fr: 0 and 1), else `key`. `count` also fills `{count}`.
 */
export function tn(key: MessageKey, count: number, params: Record<string, string | number> = {}): string {
  const one = `${key}_one` as MessageKey;
  const form = new Intl.PluralRules(current).select(count);
  return t(form === 'one' && one in (dictionaries[current] ?? {}) ? one : key, { count, ...params });
}

/** The text for a key in the current language, with `{placeholders}` filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return tIn(current, key, params);
}

/**
 * The text for a key in another language than the page's (e.g. the resident's, for a letter or a
 * confirmation read out); `await loadLocale(lang)` first. A language that is not loaded (a bug) shows the
 * key itself rather than breaking the page.
 */
export function tIn(lang: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[lang]?.[key];
  if (text === undefined) console.error(`i18n: ${lang} is not loaded (${key}): await loadLocale first`);
  return (text ?? key).replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
}

/** Re-translates static elements marked with data-i18n. */
export function translateStatic(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as MessageKey);
  });
}

const money = () => new Intl.NumberFormat(`${current}-BE`, { style: 'currency', currency: 'EUR' });
const dateTime = () =>
  new Intl.DateTimeFormat(`${current}-BE`, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  });

const shortDateTime = () =>
  new Intl.DateTimeFormat(`${current}-BE`, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  });
const time = () =>
  new Intl.DateTimeFormat(`${current}-BE`, { timeStyle: 'short', timeZone: 'Europe/Brussels' });

/** The calendar day in Brussels as YYYY-MM-DD, to compare days; never shown. */
export const dayOf = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(date);

export const format = {
  cents: (cents: number) => money().format(cents / 100),
  dateTime: (iso: string) => dateTime().format(new Date(iso)),
  /** A date and time that fits a table cell or a select on a phone ("24 nov 2026 17:00"). */
  shortDateTime: (iso: string) => shortDateTime().format(new Date(iso)),
  time: (iso: string) => time().format(new Date(iso)),
  /** "vandaag", "morgen", "maandag 30 november": the day of `iso` in Brussels, seen from `now`. */
  day: (iso: string, now: Date) => {
    const days = Math.round((Date.parse(dayOf(new Date(iso))) - Date.parse(dayOf(now))) / 86_400_000);
    return days === 0 || days === 1
      ? new Intl.RelativeTimeFormat(current, { numeric: 'auto' }).format(days, 'day')
      : new Intl.DateTimeFormat(`${current}-BE`, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          timeZone: 'Europe/Brussels',
        }).format(new Date(iso));
  },
  /** A share in basis points as a percentage in the language's own way ("37,5 %", "37.5%"). */
  percent: (bp: number) =>
    new Intl.NumberFormat(`${current}-BE`, { style: 'percent', maximumFractionDigits: 2 }).format(
      bp / 10_000,
    ),
  /** A month in words ("oktober 2026"), from "2026-10". */
  month: (yearMonth: string) =>
    new Intl.DateTimeFormat(`${current}-BE`, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${yearMonth}-15T12:00:00Z`),
    ),
  /** A day in words ("31 december 2026"), from an ISO date or date-time. */
  date: (iso: string) =>
    new Intl.DateTimeFormat(`${current}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(
      new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso),
    ),
  /** From start to end: on the same day the end shows only its time ("zaterdag 28 november 2026 14:00–17:00"). */
  span: (from: string, to: string) => dateTime().formatRange(new Date(from), new Date(to)),
  /** A language's name in the current language ("Nederlands", "néerlandais", "Dutch"). */
  language: (code: string) => new Intl.DisplayNames([current], { type: 'language' }).of(code) ?? code,
  passNumber: (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 '),
};

export type { MessageKey };
