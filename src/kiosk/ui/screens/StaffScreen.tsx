import type { Lang } from '../../../domain/text';
import type { DeadLetter } from '../../state/staff-model';
import { t } from '../../i18n/t';
import type { EnrollError } from '../../state/enrollment-model';
import type { PinView, StaffMode, StaffPanelView } from '../../state/staff-model';
import type { UpdateState } from '../../platform/sw-bridge';
import { PinPad } from '../components/PinPad';
import { StaffCamera, type StaffCameraProps } from './StaffCamera';
import { formatAge, formatAgo, formatBytes, syncErrorLabel } from '../staff-format';

export interface StaffScreenProps {
  readonly lang: Lang;
  readonly mode: Exclude<StaffMode, 'closed'>;
  readonly pin: PinView;
  readonly panel: StaffPanelView;
  readonly deadLetters: readonly DeadLetter[];
  readonly enrollError: EnrollError | null;
  readonly version: string;
  readonly update: UpdateState;
  readonly syncing: boolean;
  readonly timeZone: string;
  /** the camera section; absent on a kiosk without camera check-in */
  readonly camera?: StaffCameraProps | undefined;
  readonly onDigit: (d: string) => void;
  readonly onClear: () => void;
  readonly onSubmit: () => void;
  readonly onClose: () => void;
  readonly onSyncNow: () => void;
  readonly onExport: () => void;
  readonly onReload: () => void;
}

function Row({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div class="staff-row">
      <dt>{label}</dt>
      <dd data-testid={`staff-${id}`}>{value}</dd>
    </div>
  );
}

/** The PIN pad, then the sync panel: plain facts for staff, with the four actions. */
export function StaffScreen(p: StaffScreenProps) {
  const { lang, panel: v } = p;
  if (p.mode === 'pin') {
    return (
      <div class="staff-overlay" role="dialog" aria-modal="true" aria-label={t(lang, 'pin.heading')}>
        <PinPad lang={lang} view={p.pin} onDigit={p.onDigit} onClear={p.onClear} onSubmit={p.onSubmit} onCancel={p.onClose} />
      </div>
    );
  }
  const time = (ms: number) => new Date(ms).toLocaleString(lang, { timeZone: p.timeZone, hour12: false });
  const enrollment =
    v.enrollment === 'none' ? t(lang, 'staff.notEnrolled')
    : v.enrollment === 'refused' ? t(lang, 'staff.refused', { status: v.refusedStatus ?? (v.lastError?.kind === 'auth' ? v.lastError.status : 401) })
    : t(lang, 'staff.enrolled');
  const s = v.storage;
  const storage = s === null ? t(lang, 'staff.unknown') : [
    t(lang, s.persisted ? 'staff.persisted' : 'staff.notPersisted'),
    s.usage !== null && s.quota !== null ? t(lang, 'staff.used', { used: formatBytes(s.usage), quota: formatBytes(s.quota) }) : null,
  ].filter(Boolean).join(' · ');
  const lastError = v.lastError === null ? t(lang, 'staff.none') : syncErrorLabel(lang, v.lastError);
  return (
    <div class="staff-overlay" role="dialog" aria-modal="true" aria-labelledby="staff-heading">
      <section class="staff-panel" data-testid="staff-panel">
        <h2 id="staff-heading">{t(lang, 'staff.heading')}</h2>
        <dl class="staff-facts">
          <Row id="kiosk" label={t(lang, 'staff.kiosk')} value={v.kioskId ?? '—'} />
          <Row id="enrollment" label={t(lang, 'staff.enrollment')} value={p.enrollError ? `${enrollment} ${t(lang, `staff.enrollError.${p.enrollError}`)}` : enrollment} />
          <Row id="network" label={t(lang, 'staff.network')} value={t(lang, v.online ? 'net.online' : 'net.offline')} />
          <Row id="pending" label={t(lang, 'staff.pending')} value={String(v.pending)} />
          <Row id="oldest" label={t(lang, 'staff.oldest')} value={v.oldestAgeMs === null ? t(lang, 'staff.none') : formatAge(lang, v.oldestAgeMs)} />
          <Row id="last-success" label={t(lang, 'staff.lastSuccess')} value={v.lastSuccessAgoMs === null ? t(lang, 'staff.never') : formatAgo(lang, v.lastSuccessAgoMs)} />
          <Row id="last-error" label={t(lang, 'staff.lastError')} value={v.retryInMs !== null && v.lastError ? `${lastError} ${t(lang, 'staff.retryIn', { age: formatAge(lang, v.retryInMs) })}` : lastError} />
          <Row id="dead" label={t(lang, 'staff.dead')} value={String(v.deadLetters)} />
          <Row id="stuck" label={t(lang, 'staff.stuck')} value={v.stuck === null ? t(lang, 'staff.none') : t(lang, 'staff.stuckValue', {
            count: v.stuck.count, since: time(v.stuck.since), kind: v.stuck.first.kind, seq: v.stuck.first.seq, status: v.stuck.first.status ?? '—',
          })} />
          <Row id="storage" label={t(lang, 'staff.storage')} value={storage} />
          <Row id="version" label={t(lang, 'staff.version')} value={`${p.version} · ${t(lang, `staff.update.${p.update}`)}`} />
        </dl>
        {p.camera && <StaffCamera lang={lang} camera={p.camera} />}
        {p.deadLetters.length > 0 && (
          <ul class="staff-dead" data-testid="dead-letters">
            {p.deadLetters.map((d) => (
              <li key={d.event.id}>
                <span>{d.event.kind} #{d.event.seq} · {time(Date.parse(d.event.at))}</span>
                <span class="staff-reason">{d.reason}</span>
              </li>
            ))}
          </ul>
        )}
        <div class="staff-actions">
          <button type="button" class="staff-primary" aria-busy={p.syncing} onClick={p.onSyncNow}>{t(lang, 'staff.syncNow')}</button>
          <button type="button" onClick={p.onExport}>{t(lang, 'staff.export')}</button>
          <button type="button" onClick={p.onReload}>{t(lang, 'staff.reload')}</button>
          <button type="button" data-testid="staff-close" onClick={p.onClose}>{t(lang, 'staff.close')}</button>
        </div>
        <p class="staff-status" role="status">{p.syncing ? t(lang, 'staff.syncing') : ''}</p>
      </section>
    </div>
  );
}
