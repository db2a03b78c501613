import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { deriveCameraView, type ScannerState } from '../../../src/kiosk/state/checkin/scanner-model';
import { StaffCamera, type StaffCameraProps } from '../../../src/kiosk/ui/screens/StaffCamera';

const noop = () => {};
const props = (state: ScannerState, over: Partial<Parameters<typeof deriveCameraView>[0]> = {}): StaffCameraProps => ({
  view: deriveCameraView({ state, cameras: [{ id: 'cam-a', label: 'Front HD' }, { id: 'cam-b', label: '' }], selected: null, testing: false, testRead: null, ...over }),
  onChoose: noop, onTest: noop, onStopTest: noop,
});

describe('staff camera section (rendered to HTML)', () => {
  it('renders the contract test ids with the state as data-state', () => {
    const html = renderToString(<StaffCamera lang="en" camera={props('scanning')} />);
    expect(html).toContain('data-testid="staff-camera"');
    expect(html).toMatch(/<select[^>]*data-testid="camera-select"/);
    expect(html).toMatch(/data-testid="camera-state"[^>]*data-state="scanning"/);
    expect(html).toContain('data-testid="camera-test"');
    expect(html).toContain('>Default (the camera facing the person)</option>');
    expect(html).toContain('>Front HD</option>');
    expect(html).toContain('>Camera 2</option>'); // no name before permission: numbered
  });

  it('says plainly when there is no camera or permission is refused, and that card reader and keypad still work', () => {
    const none = renderToString(<StaffCamera lang="en" camera={props('no_camera')} />);
    expect(none).toContain('No camera found.');
    expect(none).toContain('Check-in still works with the card reader and the keypad.');
    const denied = renderToString(<StaffCamera lang="zh-CN" camera={props('denied')} />);
    expect(denied).toContain('摄像头权限被拒绝');
    expect(denied).toContain('仍可使用读卡器和数字键盘签到');
    expect(renderToString(<StaffCamera lang="en" camera={props('scanning')} />)).not.toContain('card reader');
  });

  it('shows a code read in a test as text, never as markup, and offers to stop the test', () => {
    const html = renderToString(<StaffCamera lang="en" camera={props('scanning', { testing: true, testRead: '<img src=x onerror=alert(1)>' })} />);
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    expect(html).not.toContain('<img');
    expect(html).toContain('>Stop test</button>');
    expect(html).toContain('Hold a badge in front of the camera.');
  });

  it('keeps a remembered camera that is unplugged in the list, marked as not connected', () => {
    const html = renderToString(<StaffCamera lang="en" camera={props('scanning', { selected: 'gone' })} />);
    expect(html).toContain('>Camera 3 (not connected now)</option>');
  });
});
