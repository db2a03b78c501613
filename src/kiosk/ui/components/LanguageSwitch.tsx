import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import { deriveOtherLang } from '../../state/shell/language-model';

/** Named by the other language in that language: "English" on the Chinese screens, "中文" on the English. */
export function LanguageSwitch({ lang, onToggle }: { lang: Lang; onToggle: () => void }) {
  return (
    <button type="button" class="lang-switch" lang={deriveOtherLang(lang)} onClick={onToggle}>
      {t(lang, 'lang.switch')}
    </button>
  );
}
