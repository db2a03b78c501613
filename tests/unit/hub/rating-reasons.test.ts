import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/hub/db/migrate';
import { MIGRATIONS } from '../../../src/hub/db/migrations/index';
import { rating } from '../../fixtures/events/make';
import { DB_KINDS, openTestDb, startTestHub, type TestHub } from './harness';
import { enrollKiosk } from './kiosk-auth';

const reasonFor = (kioskId: string, seq: number, ratingId: string, reasons: string[]) => ({
  ...rating(kioskId, seq), kind: 'rating_reason' as const, payload: { ratingId, reasons },
});

describe.each(DB_KINDS)('rating reasons on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  const post = (events: unknown[], t = token) =>
    hub.request('/api/v1/events', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` }, body: JSON.stringify({ events }),
    }).then((r) => r.json() as Promise<{ results: { status: string }[] }>);
  const reasonsOf = async (ratingId: string) =>
    (await hub.db.query<{ reasons: string[] }>(
      `SELECT rr.reasons FROM ratings r JOIN rating_reasons rr ON rr.rating_id = r.event_id AND rr.kiosk_id = r.kiosk_id WHERE r.event_id = $1`,
      [ratingId],
    ))[0]?.reasons ?? null;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'lobby-1');
  });
  afterAll(() => hub.cleanup());

  it('joins reasons to their rating when they arrive after it', async () => {
    const r = rating('lobby-1', 1, 0);
    await post([r, reasonFor('lobby-1', 2, r.id, ['waiting', 'dirty'])]);
    expect(await reasonsOf(r.id)).toEqual(['waiting', 'dirty']);
  });

  it('keeps reasons that arrive before their rating and shows them once the rating is there', async () => {
    const r = rating('lobby-1', 3, 1);
    const answer = await post([reasonFor('lobby-1', 4, r.id, ['staff'])]);
    expect(answer.results.map((x) => x.status)).toEqual(['applied']);
    expect(await reasonsOf(r.id)).toBeNull();
    await post([r]);
    expect(await reasonsOf(r.id)).toEqual(['staff']);
  });

  it("shows neither another kiosk's reasons on a rating nor lets them block the kiosk's own", async () => {
    const gymToken = await enrollKiosk(hub, 'gym-1');
    const r = rating('lobby-1', 5, 0);
    await post([r]);
    await post([reasonFor('gym-1', 1, r.id, ['broken'])], gymToken);
    expect(await reasonsOf(r.id)).toBeNull();
    await post([reasonFor('lobby-1', 6, r.id, ['waiting'])]);
    expect(await reasonsOf(r.id)).toEqual(['waiting']);
  });
});

describe.each(DB_KINDS)('migration 003 on %s', (kind) => {
  it('moves the reasons already in the ledger into rating_reasons, including ones whose rating never came', async () => {
    const { db, cleanup } = await openTestDb(kind);
    try {
      await migrate(db, MIGRATIONS.filter((m) => m.id < '003'));
      const r = rating('lobby-1', 1, 0);
      const early = reasonFor('lobby-1', 2, r.id, ['waiting']);
      const orphan = reasonFor('lobby-1', 3, '0195f000-0000-7000-8000-000000000001', ['dirty', 'staff']);
      for (const e of [r, early, orphan]) {
        await db.query(
          `INSERT INTO events (id, kiosk_id, seq, at, received_at, kind, payload, content_hash) VALUES ($1, $2, $3, $4, now(), $5, $6, 'x')`,
          [e.id, e.kioskId, e.seq, e.at, e.kind, JSON.stringify(e.payload)],
        );
      }
      await db.query(`INSERT INTO ratings (event_id, kiosk_id, at, topic, score, reasons) VALUES ($1, 'lobby-1', $2, 'gym', 0, '{waiting}')`, [r.id, r.at]);
      expect(await migrate(db)).toEqual(MIGRATIONS.filter((m) => m.id >= '003').map((m) => m.id));
      const rows = await db.query<{ rating_id: string; reasons: string[] }>('SELECT rating_id, reasons FROM rating_reasons ORDER BY rating_id');
      expect(rows.map((x) => [String(x.rating_id), x.reasons]).sort()).toEqual(
        [[r.id, ['waiting']], ['0195f000-0000-7000-8000-000000000001', ['dirty', 'staff']]].sort(),
      );
    } finally {
      await cleanup();
    }
  });
});
