import type { Lang } from '../../../domain/text';
import type { Connection } from '../../state/sync/snapshot-model';
import { t } from '../../i18n/t';
import { LanguageSwitch } from './LanguageSwitch';
import { NetStatus } from './NetStatus';
import { PendingCount } from './PendingCount';

export interface StatusBarProps {
  readonly lang: Lang;
  readonly connection: Connection;
  /** events waiting for the hub; the count shows whenever it is given (App passes it to every screen) */
  readonly pending?: number;
  readonly onToggleLang: () => void;
  /** large text (大字) is on; the switch is on every screen */
  readonly largeText: boolean;
  readonly onToggleText: () => void;
}

export function StatusBar({ lang, connection, pending, onToggleLang, largeText, onToggleText }: StatusBarProps) {
  return (
    <div class="status-bar">
      <NetStatus lang={lang} connection={connection} />
      {pending !== undefined && <PendingCount lang={lang} count={pending} />}
      <button type="button" class="text-switch" data-testid="large-text" aria-pressed={largeText} onClick={onToggleText}>
        {t(lang, 'text.large')}
      </button>
      <LanguageSwitch lang={lang} onToggle={onToggleLang} />
    </div>
  );
}
