import type { FreshnessLabel } from '../format';

/** "Updated 14:05", and a plain note when the schedule may be out of date or never arrived. */
export function FreshnessLine({ label }: { label: FreshnessLabel }) {
  return (
    <p class={`freshness freshness-${label.state}`} data-testid="freshness" data-state={label.state}>
      {label.updated && <span data-testid="snapshot-updated">{label.updated}</span>}
      {label.warning && <span class="freshness-note" data-testid={label.state === 'waiting' ? 'snapshot-waiting' : 'snapshot-stale'}>{label.warning}</span>}
    </p>
  );
}
