import { signal, type ReadonlySignal } from '@preact/signals';
import { isLang, type Lang } from '../../../domain/text';

export const DEFAULT_LANG: Lang = 'zh-CN';

/** The language the kiosk starts in: `?lang=en` (or zh-CN) from the URL, else zh-CN. */
export function deriveInitialLang(search: string): Lang {
  const wanted = new URLSearchParams(search).get('lang');
  return isLang(wanted) ? wanted : DEFAULT_LANG;
}

export function deriveOtherLang(lang: Lang): Lang {
  return lang === 'en' ? 'zh-CN' : 'en';
}

export interface LanguageModel {
  readonly lang: ReadonlySignal<Lang>;
  toggle(): void;
  /** Back to the language the kiosk started in (when a worker walks away). */
  reset(): void;
}

export function createLanguageModel(initial: Lang): LanguageModel {
  const lang = signal(initial);
  return {
    lang,
    toggle: () => (lang.value = deriveOtherLang(lang.value)),
    reset: () => (lang.value = initial),
  };
}
