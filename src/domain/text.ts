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
