import { translatorFor, type Lang, type MessageParams } from '../../domain/text';
import { en, type Catalog, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey };
export type Params = MessageParams;

export const CATALOGS: Readonly<Record<Lang, Catalog>> = { en, 'zh-CN': zhCN };

const translate = translatorFor(CATALOGS);
const BY_LANG: Readonly<Record<Lang, ReturnType<typeof translate>>> = { en: translate('en'), 'zh-CN': translate('zh-CN') };

/** The message for key in lang with its {placeholders} filled; an unknown placeholder is left as written. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return BY_LANG[lang](key, params);
}

/** The placeholder names a message uses, sorted (the i18n test compares them across catalogs). */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
