import * as v from 'valibot';

// Every name a worker reads exists in both kiosk languages; zh-CN is the default.
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const LocalizedTextSchema = v.strictObject({
  'zh-CN': v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty')),
  en: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty')),
});
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;

export function pick(text: LocalizedText, lang: Lang): string {
  return text[lang];
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** A catalog message with its {placeholders} filled; an unknown placeholder is left as written so it shows. */
export function fillMessage(message: string, params: MessageParams = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** A language's messages, by key. */
export type Catalogs<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

/**
 * The one translator the kiosk, the admin and the phone pages share: a language's function from a key
 * (of these catalogs only, so a missing or mistyped key is a compile error) and its parameters to words.
 */
export function translatorFor<K extends string>(catalogs: Catalogs<K>): (lang: Lang) => (key: K, params?: MessageParams) => string {
  return (lang) => {
    const catalog = catalogs[lang];
    return (key, params) => fillMessage(catalog[key], params);
  };
}
