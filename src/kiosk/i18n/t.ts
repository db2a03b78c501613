import { translatorFor, type Catalogs, type Lang, type MessageParams } from '../../domain/text';
import { en, type Catalog, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey };
export type Params = MessageParams;

export const CATALOGS: Readonly<Record<Lang, Catalog>> = { en, 'zh-CN': zhCN };

/**
 * t() over some catalogs. The main ones below are loaded at start; a lazy screen's own words (book-t.ts,
 * member-t.ts, feedback-t.ts, staff-t.ts) are imported only by its chunk, so the JavaScript a kiosk loads
 * at start does not carry them (issue 11's budget), and their keys are a type of their own: a screen
 * that is loaded at start cannot name one without importing its chunk's catalog.
 */
export function wordsFor<K extends string>(catalogs: Catalogs<K>): (lang: Lang, key: K, params?: Params) => string {
  const translate = translatorFor(catalogs);
  const byLang: Readonly<Record<Lang, ReturnType<typeof translate>>> = { en: translate('en'), 'zh-CN': translate('zh-CN') };
  return (lang, key, params = {}) => byLang[lang](key, params);
}

/** The message for key in lang with its {placeholders} filled; an unknown placeholder is left as written. */
export const t: (lang: Lang, key: MessageKey, params?: Params) => string = wordsFor(CATALOGS);

/** The placeholder names a message uses, sorted (the i18n test compares them across catalogs). */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
