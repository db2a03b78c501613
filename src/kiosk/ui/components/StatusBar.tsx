import type { Lang } from '../../../domain/text';
import type { Connection } from '../../state/snapshot-model';
import { LanguageSwitch } from './LanguageSwitch';
import { NetStatus } from './NetStatus';

export function StatusBar({ lang, connection, onToggleLang }: { lang: Lang; connection: Connection; onToggleLang: () => void }) {
  return (
    <div class="status-bar">
      <NetStatus lang={lang} connection={connection} />
      <LanguageSwitch lang={lang} onToggle={onToggleLang} />
    </div>
  );
}
