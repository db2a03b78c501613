import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heartbeat } from '../../../src/domain/index';
import { saveHeartbeat } from '../../../src/hub/kiosks/health';
import { redeemEnrollmentCode } from '../../../src/hub/kiosks/tokens';
import { Browser, DB_KINDS, NOW, startTestHub, type TestHub } from './harness';

const HEARTBEAT: Heartbeat = {
  version: '0.3.0-test', pending: 7, oldestPendingAt: new Date(NOW - 12 * 60_000).toISOString(), deadLetters: 2,
  lastSyncAt: null, lastError: '<b>hub answered 500</b>', storage: { persisted: true, usage: 1000, quota: 10_000 }, camera: 'ok',
};

const codeOf = (link: string) => new URL(link).searchParams.get('enroll')!;
const enrollLink = (html: string) => /<a data-testid="enroll-link" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

describe.each(DB_KINDS)('admin Kiosks page on %s', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
  });
  afterAll(() => hub.cleanup());

  it('needs a login', async () => {
    const res = await new Browser(hub, '203.0.113.1').get('/admin/kiosks');
    expect(res.res.status).toBe(303);
    expect(res.res.headers.get('location')).toBe('/admin/login');
  });

  it('lists both demo kiosks, not enrolled, with both enrollment buttons, and links every admin page in the nav', async () => {
    const b = new Browser(hub, '203.0.113.2');
    await b.login();
    const { html } = await b.get('/admin/kiosks?lang=en');
    for (const id of ['lobby-1', 'gym-1']) {
      expect(html).toContain(`data-testid="kiosk-${id}"`);
      expect(html).toContain(`action="/admin/kiosks/${id}/enroll"`);
      expect(html).toContain(`action="/admin/kiosks/${id}/enroll-here"`);
    }
    expect(html).toContain('Lobby, left of the entrance');
    expect(html).toContain('Not enrolled');
    expect(html).toContain('>Enroll</button>');
    expect(html).toContain('>Enroll this device</button>');
    for (const [href, label] of [['/admin', 'Schedule'], ['/admin/kiosks', 'Kiosks'], ['/admin/feedback', 'Feedback'], ['/admin/suggestions', 'Suggestions']]) {
      expect(html).toContain(`<a href="${href}">${label}</a>`);
    }
    expect(html).toContain('>Log out</button>');
  });

  it('shows an enrollment link on this origin, with its QR as an SVG image, whose code redeems exactly once', async () => {
    const b = new Browser(hub, '203.0.113.3');
    const csrf = await b.login();
    const res = await b.post('/admin/kiosks/lobby-1/enroll?lang=en', { _csrf: csrf });
    expect(res.res.status).toBe(200);
    const link = enrollLink(res.html)!;
    expect(link).toMatch(/^http:\/\/hub\.test\/\?enroll=[A-Za-z0-9_-]{20,}$/);
    expect(res.html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(res.html)![1]!, 'base64').toString();
    expect(svg).toContain('<svg');
    expect(res.html).toContain('It works once, within 24 hours.');
    const first = await redeemEnrollmentCode(hub.db, codeOf(link), hub.clock.now);
    expect(first).toMatchObject({ kioskId: 'lobby-1' });
    expect(await redeemEnrollmentCode(hub.db, codeOf(link), hub.clock.now)).toBe('bad_enrollment_code');
  });

  it('answers "Enroll this device" with a 303 to the kiosk with a fresh code', async () => {
    const b = new Browser(hub, '203.0.113.4');
    const csrf = await b.login();
    const res = await b.post('/admin/kiosks/gym-1/enroll-here', { _csrf: csrf });
    expect(res.res.status).toBe(303);
    const location = res.res.headers.get('location')!;
    expect(location).toMatch(/^\/\?enroll=[A-Za-z0-9_-]{20,}$/);
    expect(await redeemEnrollmentCode(hub.db, codeOf(`http://x${location}`), hub.clock.now)).toMatchObject({ kioskId: 'gym-1' });
  });

  it('refuses enrollment without the CSRF token (403) and for an unknown kiosk (404)', async () => {
    const b = new Browser(hub, '203.0.113.5');
    const csrf = await b.login();
    expect((await b.post('/admin/kiosks/lobby-1/enroll-here', {})).res.status).toBe(403);
    expect((await b.post('/admin/kiosks/nowhere-9/enroll', { _csrf: csrf })).res.status).toBe(404);
    expect((await b.post('/admin/kiosks/nowhere-9/enroll-here', { _csrf: csrf })).res.status).toBe(404);
  });

  it('shows the last heartbeat as text and marks a kiosk silent once it has not called for more than 5 minutes, on the Kiosks page and the admin home', async () => {
    const b = new Browser(hub, '203.0.113.6');
    const csrf = await b.login();
    const here = await b.post('/admin/kiosks/lobby-1/enroll-here', { _csrf: csrf });
    await redeemEnrollmentCode(hub.db, codeOf(`http://x${here.res.headers.get('location')}`), hub.clock.now);
    await saveHeartbeat(hub.db, 'lobby-1', HEARTBEAT, hub.clock.now);
    const row = (html: string) => /<tr data-testid="kiosk-lobby-1"[\s\S]*?<\/tr>/.exec(html)![0];
    try {
      let lobby = row((await b.get('/admin/kiosks?lang=en')).html);
      expect(lobby).toContain('0.3.0-test');
      expect(lobby).toContain('<td>7</td>');
      expect(lobby).toContain('12 min');
      expect(lobby).toContain('<td>2</td>');
      expect(lobby).toContain('&lt;b>hub answered 500&lt;/b>');
      expect(lobby).toContain('<td>Yes</td>');
      expect(lobby).not.toContain('Silent');
      expect((await b.get('/admin?lang=en')).html).not.toContain('data-testid="alert-silent"');
      hub.clock.now += 5 * 60_000 + 1000;
      lobby = row((await b.get('/admin/kiosks?lang=en')).html);
      expect(lobby).toContain('class="silent"');
      expect(lobby).toContain('⚠ Silent');
      // the admin home says so too (issue 16), naming the kiosks
      const home = /<p class="problem" role="status" data-testid="alert-silent">[\s\S]*?<\/p>/.exec((await b.get('/admin?lang=en')).html)?.[0] ?? '';
      expect(home).toContain('Silent for more than 5 minutes: ');
      expect(home).toContain('Lobby, left of the entrance');
      expect(row((await b.get('/admin/kiosks?lang=zh-CN')).html)).toContain('⚠ 失联');
    } finally {
      hub.clock.now = NOW;
    }
  });
});
