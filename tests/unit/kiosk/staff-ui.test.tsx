import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { StatusBar } from '../../../src/kiosk/ui/components/StatusBar';
import { StaffScreen, type StaffScreenProps } from '../../../src/kiosk/ui/screens/StaffScreen';
import { deriveStaffPanel } from '../../../src/kiosk/state/shell/staff-model';

const noop = () => {};
const T0 = Date.UTC(2025, 10, 23, 6, 0, 0);

describe('pending count and staff screens (rendered to HTML)', () => {
  it('keeps the pending count next to the net mark, "0" included', () => {
    const html = renderToString(<StatusBar lang="en" connection="online" pending={0} onToggleLang={noop} largeText={false} onToggleText={noop} />);
    expect(html).toMatch(/data-testid="net-status"[\s\S]*data-testid="pending-count"[^>]*>0</);
    expect(renderToString(<StatusBar lang="en" connection="offline" pending={12} onToggleLang={noop} largeText={false} onToggleText={noop} />)).toContain('aria-label="12 waiting to send"');
  });

  const props: StaffScreenProps = {
    lang: 'en', mode: 'panel', pin: { configured: true, entered: 0, wrong: false, waitSeconds: 0, checking: false },
    panel: deriveStaffPanel({
      kioskId: 'lobby-1', refused: null, online: false, stats: { pending: 4, oldestAt: new Date(T0 - 600_000).toISOString(), deadLetters: 1, stuck: null },
      lastSuccessAt: null, lastError: { kind: 'network' }, stopped: false, retryAt: T0 + 8_000, storage: { persisted: true, usage: 2048, quota: 1024 ** 3 }, now: T0,
    }),
    deadLetters: [{ event: { id: 'e1', kioskId: 'lobby-1', seq: 9, at: new Date(T0).toISOString(), kind: 'rating', payload: { topic: null, score: 0 } }, reason: 'id_conflict', at: T0 }],
    enrollError: null, version: '0.1.0', update: 'waiting', syncing: false, timeZone: 'Asia/Shanghai',
    onDigit: noop, onClear: noop, onSubmit: noop, onClose: noop, onSyncNow: noop, onExport: noop, onReload: noop,
  };

  it('shows the sync facts and the four actions on the panel', () => {
    const html = renderToString(<StaffScreen {...props} />);
    expect(html).toContain('data-testid="staff-panel"');
    for (const text of ['lobby-1', 'Offline', '10 min', 'Never', 'The hub cannot be reached. Next try in 8 s', 'id_conflict', '2.0 KB of 1.0 GB used', '0.1.0 · An update waits', 'Sync now', 'Export pending', 'Reload', 'Close']) {
      expect(html, text).toContain(text);
    }
  });

  it('shows the PIN pad with digits, Clear and OK, or says staff mode is not configured', () => {
    const pad = renderToString(<StaffScreen {...props} mode="pin" />);
    for (const d of '0123456789') expect(pad).toContain(`>${d}</button>`);
    expect(pad).toContain('>Clear</button>');
    expect(pad).toContain('>OK</button>');
    const none = renderToString(<StaffScreen {...props} mode="pin" pin={{ ...props.pin, configured: false }} />);
    expect(none).toContain('Staff mode is not configured for this kiosk');
    expect(none).not.toContain('>OK</button>');
  });
});
