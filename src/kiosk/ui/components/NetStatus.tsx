import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { Connection } from '../../state/sync/snapshot-model';

/** A small, calm online/offline mark: a dot and a word, never a warning colour. */
export function NetStatus({ lang, connection }: { lang: Lang; connection: Connection }) {
  const label = t(lang, connection === 'online' ? 'net.online' : 'net.offline');
  return (
    <div class={`net-status net-${connection}`} role="status" aria-label={label} data-testid="net-status" data-state={connection}>
      <span class="net-dot" aria-hidden="true" />
      <span aria-hidden="true">{label}</span>
    </div>
  );
}
