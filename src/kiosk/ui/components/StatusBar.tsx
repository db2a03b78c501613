import type { Lang } from '../../../domain/text';
import type { Connection } from '../../state/snapshot-model';
import { LanguageSwitch } from './LanguageSwitch';
import { NetStatus } from './NetStatus';
import { PendingCount } from './PendingCount';

export interface StatusBarProps {
  readonly lang: Lang;
  readonly connection: Connection;
  /** events waiting for the hub; the count shows whenever it is given (App passes it to every screen) */
  readonly pending?: number;
  readonly onToggleLang: () => void;
}

export function StatusBar({ lang, connection, pending, onToggleLang }: StatusBarProps) {
  return (
    <div class="status-bar">
      <NetStatus lang={lang} connection={connection} />
      {pending !== undefined && <PendingCount lang={lang} count={pending} />}
      <LanguageSwitch lang={lang} onToggle={onToggleLang} />
    </div>
  );
}
