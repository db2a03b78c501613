import type { Lang } from '../../../domain/text';
import type { Connection } from '../../state/sync/snapshot-model';
import { StatusBar } from './StatusBar';
import { tFeedback, type FeedbackKey } from '../../i18n/feedback-t';

/** What every feedback screen (Rate, Suggestion, Polls) takes for its header and status bar. */
export interface FeedbackChrome {
  readonly lang: Lang;
  readonly connection: Connection;
  readonly pending?: number;
  readonly onToggleLang: () => void;
  /** large text (大字) is on; the switch is on every screen */
  readonly largeText: boolean;
  readonly onToggleText: () => void;
}

interface Props extends FeedbackChrome {
  readonly heading: FeedbackKey;
  readonly onBack: () => void;
}

/** Back, the screen's name, and the status bar (network, pending count, language). */
export function FeedbackHeader({ lang, heading, connection, pending, onBack, onToggleLang, largeText, onToggleText }: Props) {
  return (
    <header class="feedback-header">
      <button type="button" class="back-button" onClick={onBack}>
        <span aria-hidden="true">‹ </span>
        {tFeedback(lang, 'feedback.back')}
      </button>
      <h1>{tFeedback(lang, heading)}</h1>
      <StatusBar lang={lang} connection={connection} pending={pending} onToggleLang={onToggleLang} largeText={largeText} onToggleText={onToggleText} />
    </header>
  );
}
