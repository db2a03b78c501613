import type { Lang } from '../../../domain/text';
import { tStaff } from '../../i18n/staff-t';
import type { CameraOption, CameraView } from '../../state/checkin/scanner-model';
import { CameraSlot } from '../components/CameraSlot';
import './StaffCamera.css';

// Staff mode's camera section (DESIGN §4.6): which camera, what it is doing, and a test run. A missing
// camera or a refused permission is said plainly, with what still works.

export interface StaffCameraProps {
  readonly view: CameraView;
  readonly onChoose: (id: string) => void;
  readonly onTest: () => void;
  readonly onStopTest: () => void;
}

function optionLabel(lang: Lang, o: CameraOption, n: number): string {
  if (o.id === '') return tStaff(lang, 'camera.default');
  const name = o.label || tStaff(lang, 'camera.unnamed', { n });
  return o.missing ? tStaff(lang, 'camera.missing', { name }) : name;
}

export function StaffCamera({ lang, camera: p }: { lang: Lang; camera: StaffCameraProps }) {
  const v = p.view;
  return (
    <section class="staff-camera" data-testid="staff-camera" aria-labelledby="staff-camera-heading">
      <h3 id="staff-camera-heading">{tStaff(lang, 'camera.heading')}</h3>
      <label class="staff-camera-choose">
        <span>{tStaff(lang, 'camera.choose')}</span>
        <select data-testid="camera-select" value={v.selected} onChange={(e) => p.onChoose((e.currentTarget as HTMLSelectElement).value)}>
          {v.options.map((o, i) => (
            <option key={o.id} value={o.id}>{optionLabel(lang, o, i)}</option>
          ))}
        </select>
      </label>
      <p class={`staff-camera-state${v.unavailable ? ' staff-camera-problem' : ''}`} data-testid="camera-state" data-state={v.state} role="status">
        {tStaff(lang, `camera.state.${v.state}`)}
        {v.testing && v.state === 'scanning' ? ` ${tStaff(lang, 'camera.testing')}` : ''}
      </p>
      {v.unavailable && <p class="staff-camera-note">{tStaff(lang, 'camera.fallback')}</p>}
      {/* the picture while testing, in a place of its own in the panel (staff-camera-slot) */}
      {v.testing && <CameraSlot lang={lang} />}
      {v.testRead !== null && (
        <p class="staff-camera-read" data-testid="camera-read">
          {tStaff(lang, 'camera.read')} <code>{v.testRead}</code>
        </p>
      )}
      <div class="staff-actions">
        <button type="button" data-testid="camera-test" aria-pressed={v.testing} onClick={v.testing ? p.onStopTest : p.onTest}>
          {tStaff(lang, v.testing ? 'camera.stopTest' : 'camera.test')}
        </button>
      </div>
    </section>
  );
}
