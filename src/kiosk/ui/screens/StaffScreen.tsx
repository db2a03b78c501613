import type { Lang } from '../../../domain/text';
import type { DeadLetter } from '../../state/shell/staff-model';
import { tStaff } from '../../i18n/staff-t';
import { t } from '../../i18n/t';
import type { EnrollError } from '../../state/sync/enrollment-model';
import type { PinView, StaffMode, StaffPanelView } from '../../state/shell/staff-model';
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
      <div class="staff-overlay" role="dialog" aria-modal="true" aria-label={tStaff(lang, 'pin.heading')}>
        <PinPad lang={lang} view={p.pin} onDigit={p.onDigit} onClear={p.onClear} onSubmit={p.onSubmit} onCancel={p.onClose} />
      </div>
    );
  }
  const time = (ms: number) => new Date(ms).toLocaleString(lang, { timeZone: p.timeZone, hour12: false });
  const enrollment =
    v.enrollment === 'none' ? tStaff(lang, 'staff.notEnrolled')
    : v.enrollment === 'refused' ? tStaff(lang, 'staff.refused', { status: v.refusedStatus ?? (v.lastError?.kind === 'auth' ? v.lastError.status : 401) })
    : tStaff(lang, 'staff.enrolled');
  const s = v.storage;
  const storage = s === null ? tStaff(lang, 'staff.unknown') : [
    tStaff(lang, s.persisted ? 'staff.persisted' : 'staff.notPersisted'),
    s.usage !== null && s.quota !== null ? tStaff(lang, 'staff.used', { used: formatBytes(s.usage), quota: formatBytes(s.quota) }) : null,
  ].filter(Boolean).join(' · ');
  const lastError = v.lastError === null ? tStaff(lang, 'staff.none') : syncErrorLabel(lang, v.lastError);
  return (
    <div class="staff-overlay" role="dialog" aria-modal="true" aria-labelledby="staff-heading">
      <section class="staff-panel" data-testid="staff-panel">
        <h2 id="staff-heading">{tStaff(lang, 'staff.heading')}</h2>
        <dl class="staff-facts">
          <Row id="kiosk" label={tStaff(lang, 'staff.kiosk')} value={v.kioskId ?? '—'} />
          <Row id="enrollment" label={tStaff(lang, 'staff.enrollment')} value={p.enrollError ? `${enrollment} ${tStaff(lang, `staff.enrollError.${p.enrollError}`)}` : enrollment} />
          <Row id="network" label={tStaff(lang, 'staff.network')} value={t(lang, v.online ? 'net.online' : 'net.offline')} />
          <Row id="pending" label={tStaff(lang, 'staff.pending')} value={String(v.pending)} />
          <Row id="oldest" label={tStaff(lang, 'staff.oldest')} value={v.oldestAgeMs === null ? tStaff(lang, 'staff.none') : formatAge(lang, v.oldestAgeMs)} />
          <Row id="last-success" label={tStaff(lang, 'staff.lastSuccess')} value={v.lastSuccessAgoMs === null ? tStaff(lang, 'staff.never') : formatAgo(lang, v.lastSuccessAgoMs)} />
          <Row id="last-error" label={tStaff(lang, 'staff.lastError')} value={v.retryInMs !== null && v.lastError ? `${lastError} ${tStaff(lang, 'staff.retryIn', { age: formatAge(lang, v.retryInMs) })}` : lastError} />
          <Row id="dead" label={tStaff(lang, 'staff.dead')} value={String(v.deadLetters)} />
          <Row id="stuck" label={tStaff(lang, 'staff.stuck')} value={v.stuck === null ? tStaff(lang, 'staff.none') : tStaff(lang, 'staff.stuckValue', {
            count: v.stuck.count, since: time(v.stuck.since), kind: v.stuck.first.kind, seq: v.stuck.first.seq, status: v.stuck.first.status ?? '—',
          })} />
          <Row id="storage" label={tStaff(lang, 'staff.storage')} value={storage} />
          <Row id="version" label={tStaff(lang, 'staff.version')} value={`${p.version} · ${tStaff(lang, `staff.update.${p.update}`)}`} />
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
          <button type="button" class="staff-primary" aria-busy={p.syncing} onClick={p.onSyncNow}>{tStaff(lang, 'staff.syncNow')}</button>
          <button type="button" onClick={p.onExport}>{tStaff(lang, 'staff.export')}</button>
          <button type="button" onClick={p.onReload}>{tStaff(lang, 'staff.reload')}</button>
          <button type="button" data-testid="staff-close" onClick={p.onClose}>{tStaff(lang, 'staff.close')}</button>
        </div>
        <p class="staff-status" role="status">{p.syncing ? tStaff(lang, 'staff.syncing') : ''}</p>
      </section>
    </div>
  );
}
