import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../../src/domain/card';
import { cardHash, getMemberByNo } from '../../../src/hub/members/repo';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';

// Issue 14: a union's whole list, 50,000 rows in one file, imports in one upload (set-based, one
// transaction), and the report counts what was added, updated and refused, each refusal with its line.

const ROWS = 50_000;

describe.each(DB_KINDS)('member import at scale on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  let csrf: string;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    b = new Browser(hub, '203.0.113.60');
    csrf = await b.login();
  });
  afterAll(() => hub.cleanup());

  const post = async (text: string) => {
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('file', new File([new TextEncoder().encode(text)], 'union.csv', { type: 'text/csv' }));
    return hub.request('/admin/members/import?lang=en', { method: 'POST', body: form, headers: { cookie: `wsc_admin=${b.cookie('wsc_admin')}` } }, b.ip);
  };
  /** The upload's answer: the report at once, or (a long list) its progress page, followed as a browser would until the report. */
  const upload = async (text: string) => {
    const res = await post(text);
    if (res.status !== 303) return { status: res.status, html: await res.text(), progress: [] as string[] };
    const at = `${res.headers.get('location')!}?lang=en`;
    const progress: string[] = [];
    for (let i = 0; i < 600; i++) {
      const page = await b.get(at);
      const shown = /data-testid="import-progress">([^<]*)</.exec(page.html);
      if (!shown) return { status: page.res.status, html: page.html, progress };
      expect(page.html).toContain('<meta http-equiv="refresh" content="1"/>');
      progress.push(shown[1]!);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the import did not finish within 150 s');
  };
  const badLines = (html: string) => [...html.matchAll(/<tr data-testid="bad-row"><td>(\d+)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2]!] as const);

  it('adds 50,000 members from one file, then updates them from the next, refusing each bad row by its line', async () => {
    const row = (i: number, name = `会员${i}`) => `U${String(i).padStart(6, '0')},${name},62170${String(i).padStart(11, '0')}`;
    const first = await upload(['会员号,姓名,工卡号', ...Array.from({ length: ROWS }, (_, i) => row(i + 1))].join('\n'));
    expect(first.status).toBe(200);
    // a progress page, if the import outlasted the upload's answer, only ever counted up
    const counted = first.progress.map((p) => Number(/([\d,]+) of/.exec(p)![1]!.replace(/,/g, '')));
    expect(counted).toEqual([...counted].sort((a, b) => a - b));
    expect(first.html).toContain(`${ROWS} added, 0 updated, 0 rows not imported.`);
    expect(Number((await hub.db.query<{ n: string | number }>("SELECT count(*) AS n FROM members WHERE member_no LIKE 'U%'"))[0]!.n)).toBe(ROWS);
    expect(await getMemberByNo(hub.db, 'U050000')).toMatchObject({ name: '会员50000', maskedName: maskName('会员50000'), hasCard: true });

    // the same list again with new names, three bad rows and one taking another member's card
    const lines = ['会员号,姓名,工卡号', ...Array.from({ length: ROWS }, (_, i) => row(i + 1, `新名${i + 1}`))];
    lines[101] = 'U000101,,';                           // line 102: no name
    lines[20001] = 'U020001,坏卡,12';                    // line 20002: not a card number
    lines[30001] = `U030001,拿别人的卡,62170${String(7).padStart(11, '0')}`; // line 30002: member 7's card
    lines.push('U999999,新来的,');                       // line 50002: a new member
    const second = await upload(lines.join('\n'));
    expect(second.html).toContain(`1 added, ${ROWS - 3} updated, 3 rows not imported.`);
    expect(badLines(second.html).map(([line]) => line)).toEqual([102, 20002, 30002]);
    expect(badLines(second.html)[2]![1]).toContain('This card belongs to another member.');
    expect(await getMemberByNo(hub.db, 'U040000')).toMatchObject({ name: '新名40000' });
    expect(await getMemberByNo(hub.db, 'U000101')).toMatchObject({ name: '会员101' }); // a refused row changes nothing
    const held = await hub.db.query<{ card_hash: string }>("SELECT card_hash FROM members WHERE member_no = 'U030001'");
    expect(held[0]!.card_hash).toBe(cardHash(`62170${String(30001).padStart(11, '0')}`));
  }, 300_000);

  it.runIf(kind === 'postgres')('answers a long import with a progress page that counts its rows, refuses a second upload meanwhile, and reports when done', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `P${String(i + 1).padStart(5, '0')},进度${i + 1},`).join('\n');
    // another session holds the members table: the import waits at its first write, for longer than the upload's answer waits
    const holder = await hub.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE members IN EXCLUSIVE MODE');
      const res = await post(rows);
      expect(res.status).toBe(303);
      const at = `${res.headers.get('location')!}?lang=en`;
      const page = await b.get(at);
      expect(/data-testid="import-progress">([^<]*)</.exec(page.html)?.[1]).toBe('Importing: 0 of 3,000 rows done.');
      const second = await post('Q1,又一份,');
      expect(second.status).toBe(409);
      expect(await second.text()).toContain('Another import is running.');
      return at;
    });
    for (let i = 0; i < 200; i++) {
      const page = await b.get(holder);
      if (!page.html.includes('data-testid="import-progress"')) {
        expect(page.html).toContain('3000 added, 0 updated, 0 rows not imported.');
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the import did not finish after the table was free');
  }, 120_000);
});
