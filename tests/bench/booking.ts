import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, uuidv7, zonedParts, zonedToEpoch } from '../../src/domain/index';
import { AdminClient } from '../support/admin-client';
import { copyConfig, startHub } from '../support/hub-process';
import { onBothDatabases } from './databases';

// Booking requests under contention: KIOSKS kiosks each send REQUESTS booking requests one after
// another (each its own POST /api/v1/events, as a kiosk sends a booking the moment it is made), all
// kiosks at once, every request for one of SLOTS slots. Each request is a different member, so what
// the hub weighs is the slot: the first to reach a slot holds it, the rest are refused slot_taken at
// the exclusion constraint. Requests per second over the whole run; the confirmed count is a check.

const KIOSKS = 20;
const REQUESTS = 15;
const SLOTS = ['14:00', '15:00', '16:00', '17:00'];
const FACILITY = 'badminton-1';
const TZ = 'Asia/Shanghai';

export interface BookingFigures {
  readonly perSecond: number;
  readonly requests: number;
  readonly confirmed: number;
  readonly refused: number;
}

function kioskConfig(): string {
  return copyConfig((dir) => {
    const lobby = JSON.parse(readFileSync(join(dir, 'kiosks/lobby-1.json'), 'utf8'));
    for (let k = 1; k <= KIOSKS; k++) {
      const id = `bench-${String(k).padStart(2, '0')}`;
      writeFileSync(join(dir, `kiosks/${id}.json`), JSON.stringify({ ...lobby, id, name: `Bench kiosk ${k}` }));
    }
  });
}

const random = () => crypto.getRandomValues(new Uint8Array(10));

async function run(env: Record<string, string> = {}): Promise<BookingFigures> {
  const configDir = kioskConfig();
  const hub = await startHub({ env, configDir });
  try {
    const admin = await new AdminClient(hub.url).login();
    const members = Array.from({ length: KIOSKS * REQUESTS }, (_, i) => ({ memberNo: `BENCH-${i + 1}`, name: `测试会员${i + 1}` }));
    await admin.importMembers(members);
    const kiosks = Array.from({ length: KIOSKS }, (_, k) => `bench-${String(k + 1).padStart(2, '0')}`);
    const tokens = await Promise.all(kiosks.map((id) => admin.deviceToken(id)));
    // tomorrow, so every slot is bookable whenever the bench runs
    const day = addDays(zonedParts(Date.now(), TZ).date, 1);
    const statuses: string[] = [];
    const send = async (k: number, r: number) => {
      const slot = SLOTS[(k + r) % SLOTS.length]!;
      const startsAt = zonedToEpoch(day, slot, TZ);
      const event = {
        id: uuidv7(Date.now(), random()), kioskId: kiosks[k]!, seq: r + 1, at: new Date().toISOString(), kind: 'booking',
        // a fresh database numbers the imported members from 1
        payload: {
          identity: { via: 'badge', memberId: String(k * REQUESTS + r + 1), badgeId: `${k * REQUESTS + r + 1}@1` },
          facilityId: FACILITY, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString(),
        },
      };
      const res = await fetch(`${hub.url}/api/v1/events`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[k]}` }, body: JSON.stringify({ events: [event] }),
      });
      if (!res.ok) throw new Error(`booking answered ${res.status}: ${await res.text()}`);
      const { results } = (await res.json()) as { results: { status: string; reason?: string }[] };
      statuses.push(results[0]!.reason ?? results[0]!.status);
    };
    const t0 = performance.now();
    await Promise.all(kiosks.map(async (_, k) => {
      for (let r = 0; r < REQUESTS; r++) await send(k, r);
    }));
    const seconds = (performance.now() - t0) / 1000;
    if (statuses.some((s) => s !== 'applied')) throw new Error(`booking bench: not all applied: ${[...new Set(statuses)].join(', ')}`);
    // what the hub decided, from the snapshot any kiosk pulls
    const snap = (await (await fetch(`${hub.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${tokens[0]}` } })).json()) as { bookings?: { status: string }[] };
    const bookings = snap.bookings ?? [];
    return {
      perSecond: statuses.length / seconds, requests: statuses.length,
      confirmed: bookings.filter((b) => b.status === 'confirmed').length, refused: bookings.filter((b) => b.status === 'refused').length,
    };
  } finally {
    await hub.stop();
    hub.cleanup();
  }
}

export const bookingRates = () => onBothDatabases(run);

export const bookingSection = (f: { pglite: BookingFigures; postgres: BookingFigures }) => {
  const row = (name: string, x: BookingFigures) =>
    `| ${name} | ${Math.round(x.perSecond)} requests/s | ${x.confirmed} confirmed, ${x.refused} refused of ${x.requests} |`;
  return `## Hub booking under contention

${KIOSKS} kiosks at once, each sending ${REQUESTS} booking requests one after another (one event per
\`POST /api/v1/events\`), all for ${SLOTS.length} slots of one court: each request judged by the booking rules
under its member's lock and inserted against the exclusion constraint. A correct run confirms exactly ${SLOTS.length}.

| database | figure | verdicts |
| --- | --- | --- |
${row('PGlite (embedded)', f.pglite)}
${row('PostgreSQL 15 (local, fsync off as in tests)', f.postgres)}
`;
};
