import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/t';
import type { Connection } from '../../state/sync/snapshot-model';
import { StatusBar } from './StatusBar';

interface Props {
  readonly lang: Lang;
  readonly heading: MessageKey;
  readonly connection: Connection;
  readonly pending?: number;
  readonly onBack: () => void;
  readonly onToggleLang: () => void;
  /** large text (大字) is on; the switch is on every screen */
  readonly largeText: boolean;
  readonly onToggleText: () => void;
}

/** Back, the screen's name, and the status bar (network, pending count, language). */
export function FeedbackHeader({ lang, heading, connection, pending, onBack, onToggleLang, largeText, onToggleText }: Props) {
  return (
    <header class="feedback-header">
      <button type="button" class="back-button" onClick={onBack}>
        <span aria-hidden="true">‹ </span>
        {t(lang, 'feedback.back')}
      </button>
      <h1>{t(lang, heading)}</h1>
      <StatusBar lang={lang} connection={connection} pending={pending} onToggleLang={onToggleLang} largeText={largeText} onToggleText={onToggleText} />
    </header>
  );
}
