import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CHECKIN_OUTCOMES } from '../../../src/domain/checkin';
import { CLASS_OUTCOMES, GYM_OUTCOMES } from '../../../src/domain/events';
import type { NowNext } from '../../../src/domain/schedule';
import { LANGS } from '../../../src/domain/text';
import { t, type MessageKey } from '../../../src/kiosk/i18n/t';
import { deriveOutcomeView } from '../../../src/kiosk/state/checkin/member-model';
import type { MemberOptions, MemberSession } from '../../../src/kiosk/state/checkin/member-options';
import { outcomeText } from '../../../src/kiosk/ui/checkin-format';
import { OutcomeBanner } from '../../../src/kiosk/ui/components/OutcomeBanner';
import { createLookup } from '../../../src/kiosk/ui/lookup';
import { AttractScreen } from '../../../src/kiosk/ui/screens/AttractScreen';
import { KeypadScreen } from '../../../src/kiosk/ui/screens/KeypadScreen';
import { MemberScreen } from '../../../src/kiosk/ui/screens/MemberScreen';
import { kioskSnapshot, spin, T0 } from './member-fixture';

const noop = () => {};
const TZ = 'Asia/Shanghai';
const session = (over: Partial<MemberSession> = {}): MemberSession => ({
  identity: { via: 'badge', memberId: '42', badgeId: '42@1' }, subject: '42', name: '张*明', verified: true,
  visit: { outcome: 'visit_recorded', offline: false, memberId: '42', day: '2026-05-12' }, ...over,
});
const options: MemberOptions = {
  verified: true, presented: true, queue: { group: 'rower', position: 2 },
  classes: [{ entryId: spin.id, title: spin.title, startsAt: spin.startsAt, room: spin.room, status: 'open' }],
  gym: [{ group: 'rower', name: { 'zh-CN': '划船机', en: 'Rowers' }, free: 0, inService: 2, queueLength: 2, mine: 'queued', unit: null, position: 2, elsewhere: false }],
  bookings: null,
};

async function member(s: MemberSession, o: MemberOptions) {
  const lookup = createLookup(await kioskSnapshot(), 'en');
  return renderToString(
    <MemberScreen lang="en" now={T0} timeZone={TZ} lookup={lookup} connection="online" session={s} options={o} busy={false}
      onClass={noop} onGym={noop} onLeaveQueue={noop} onDone={noop} onToggleLang={noop} largeText={false} onToggleText={noop} />,
  );
}

describe('member screen (rendered to HTML)', () => {
  it('greets the masked name, marks it verified, and offers the class, the gym group, leave queue and Done', async () => {
    const html = await member(session(), options);
    expect(html).toMatch(/data-testid="member-screen"[^>]*data-verified="true"|data-verified="true"[^>]*data-testid="member-screen"/);
    expect(html).toContain('data-testid="member-name">张*明<');
    expect(html).toContain('data-testid="class-spin-1410"');
    expect(html).toContain('data-testid="gym-rower"');
    expect(html).toContain('You are no. 2 in the queue');
    expect(html).toContain('data-testid="gym-leave-queue"');
    expect(html).toContain('data-testid="member-done"');
  });

  it('shows an unverified card as such, and a keypad number as a visit only', async () => {
    const card = await member(session({ identity: { via: 'card', memberId: null, cardKey: 'a'.repeat(64) }, name: null, verified: false }), { ...options, verified: false });
    expect(card).toContain('data-verified="false"');
    expect(card).toContain('>Unverified card<');
    const keypad = await member(session({ identity: { via: 'keypad', memberNo: '1234' }, name: null, verified: false }), { verified: false, presented: false, classes: [], gym: [], queue: null, bookings: null });
    expect(keypad).toContain('>Member no. 1234<');
    expect(keypad).toContain('data-testid="member-keypad-only"');
    expect(keypad).not.toContain('data-testid="class-');
  });

  it('renders a hostile name as text, never as HTML', async () => {
    const html = await member(session({ name: '<img src=x onerror=alert(1)>' }), options);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
  });
});

describe('keypad and attract additions', () => {
  it('has ten digit keys, delete and OK (disabled while empty)', () => {
    const html = renderToString(<KeypadScreen lang="en" connection="online" digits="" busy={false} onKey={noop} onOk={noop} onCancel={noop} onToggleLang={noop} largeText={false} onToggleText={noop} />);
    for (let d = 0; d <= 9; d++) expect(html).toContain(`data-testid="key-${d}"`);
    expect(html).toContain('data-testid="key-back"');
    expect(html).toMatch(/<button[^>]*disabled[^>]*data-testid="key-ok"|<button[^>]*data-testid="key-ok"[^>]*disabled/);
  });

  it('shows the scan hint, the keypad button, and the gym panel with the queue call-out', () => {
    const nowNext: NowNext = { now: [], next: [] } as unknown as NowNext;
    const html = renderToString(
      <AttractScreen lang="en" now={T0} timeZone={TZ} centerName="C" hasSnapshot={false} nowNext={nowNext} lookup={createLookup(null, 'en')}
        features={['rate']} checkin freshness={{ state: 'fresh', updated: null, warning: null }} connection="online" onOpen={noop} onToggleLang={noop} largeText={false} onToggleText={noop}
        occupancy={[{ group: 'rower', name: { 'zh-CN': '划船机', en: 'Rowers' }, free: 0, busy: 1, inService: 2, queueLength: 1, call: { name: '张*明', unit: 1, claimBy: T0 + 300_000 } }]} />,
    );
    expect(html).toContain('data-testid="scan-hint"');
    expect(html).toContain('data-testid="open-keypad"');
    expect(html).toMatch(/data-testid="gym-group-rower" data-free="0" data-queue="1"/);
    expect(html).toMatch(/data-testid="queue-call-rower"[^>]*>张\*明: Rowers no\. 1 is yours — scan before 14:05</);
  });

  it('shows “you said, we did” in the screen’s language, and no panel when nothing is published', () => {
    const post = { id: 'p1', at: '2026-05-10T02:00:00.000Z', said: { 'zh-CN': '希望周末开放球场', en: 'Open the courts at weekends' }, did: { 'zh-CN': '周末上午已开放', en: 'Open on weekend mornings now' } };
    const attract = (lang: 'en' | 'zh-CN', board: readonly (typeof post)[]) => renderToString(
      <AttractScreen lang={lang} now={T0} timeZone={TZ} centerName="C" hasSnapshot={false} nowNext={{} as NowNext} lookup={createLookup(null, lang)}
        features={['rate']} board={board} freshness={{ state: 'fresh', updated: null, warning: null }} connection="online"
        onOpen={noop} onToggleLang={noop} largeText={false} onToggleText={noop} />,
    );
    expect(attract('en', [post])).toMatch(/You said, we did.*You said.*Open the courts at weekends.*We did.*Open on weekend mornings now/);
    expect(attract('zh-CN', [post])).toMatch(/您说我们做.*希望周末开放球场.*周末上午已开放/);
    expect(attract('en', [])).not.toContain('data-testid="board"');
  });

  it('gives the camera a slot of its own, or only a "camera on" mark when the kiosk config hides the picture', () => {
    const attract = (cameraPreview: boolean) => renderToString(
      <AttractScreen lang="en" now={T0} timeZone={TZ} centerName="C" hasSnapshot={false} nowNext={{} as NowNext} lookup={createLookup(null, 'en')}
        features={['rate']} checkin camera={{ holdHint: false, preview: cameraPreview }} freshness={{ state: 'fresh', updated: null, warning: null }} connection="online"
        onOpen={noop} onToggleLang={noop} largeText={false} onToggleText={noop} />,
    );
    expect(attract(true)).toContain('data-testid="camera-slot"');
    expect(attract(true)).not.toContain('camera-on');
    expect(attract(false)).toMatch(/data-testid="camera-on"[^>]*>.*Camera on/);
    expect(attract(false)).not.toContain('camera-slot');
  });

  it('has a large-text switch that says whether it is on', () => {
    const html = (largeText: boolean) => renderToString(
      <AttractScreen lang="zh-CN" now={T0} timeZone={TZ} centerName="C" hasSnapshot={false} nowNext={{} as NowNext} lookup={createLookup(null, 'zh-CN')}
        features={['rate']} freshness={{ state: 'fresh', updated: null, warning: null }} connection="online" onOpen={noop} onToggleLang={noop} largeText={largeText} onToggleText={noop} />,
    );
    expect(html(false)).toMatch(/data-testid="large-text" aria-pressed="false"[^>]*>大字</);
    expect(html(true)).toContain('aria-pressed="true"');
  });

  it('offers neither hint nor keypad on a kiosk without check-in', () => {
    const html = renderToString(
      <AttractScreen lang="en" now={T0} timeZone={TZ} centerName="C" hasSnapshot={false} nowNext={{} as NowNext} lookup={createLookup(null, 'en')}
        features={['rate']} freshness={{ state: 'fresh', updated: null, warning: null }} connection="online" onOpen={noop} onToggleLang={noop} largeText={false} onToggleText={noop} />,
    );
    expect(html).not.toContain('open-keypad');
    expect(html).not.toContain('scan-hint');
  });
});

describe('outcome banner', () => {
  it('carries the outcome, tone and offline flag as data attributes, with the class name in the words', async () => {
    const lookup = createLookup(await kioskSnapshot(), 'en');
    const view = deriveOutcomeView({ outcome: 'checked_in', offline: true, entryId: 'spin-1410', reserved: false }, 1, true);
    const html = renderToString(<OutcomeBanner lang="en" code={view.code} tone={view.tone} offline={view.offline} text={outcomeText('en', view, lookup, TZ)} />);
    expect(html).toContain('data-testid="outcome" data-outcome="checked_in" data-tone="success" data-offline="true"');
    expect(html).toContain('Checked in: Yoga');
    expect(html).toContain('Offline — the hub will confirm later');
  });

  it('has words for every outcome in both languages, with every placeholder filled', async () => {
    const snap = await kioskSnapshot();
    const classDetails = { entryId: 'spin-1410', opensAt: T0, closedAt: T0, capacity: 2, reserved: false };
    const gymDetails = { group: 'rower', unit: 1, position: 2, claimBy: T0, claimed: false, limitAt: null, startedAt: T0, endedAt: T0, byLimit: false };
    const detailsOf = (code: string) =>
      (CLASS_OUTCOMES as readonly string[]).includes(code) ? classDetails : (GYM_OUTCOMES as readonly string[]).includes(code) ? gymDetails : { memberId: '1', day: 'd', firstAt: T0 };
    for (const lang of LANGS) {
      const lookup = createLookup(snap, lang);
      for (const code of CHECKIN_OUTCOMES) {
        const text = outcomeText(lang, deriveOutcomeView({ outcome: code, offline: false, ...detailsOf(code) } as never, 1, false), lookup, TZ);
        expect(text, `${lang} ${code}`).not.toMatch(/\{\w+\}/);
        expect(text, `${lang} ${code}`).not.toBe(`outcome.${code}`);
      }
      expect(t(lang, 'outcome.not_saved' as MessageKey)).not.toBe('');
    }
  });

  it('says "not a member badge" for a code that is not ours', () => {
    expect(t('en', 'outcome.not_our_code')).toBe('Not a member badge');
    expect(t('zh-CN', 'outcome.not_our_code')).toBe('这不是会员码');
  });
});
