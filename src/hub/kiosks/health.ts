import type { Heartbeat } from '../../domain/index';
import { isoOrNull, type Queryable } from '../db/port';

// What the admin's Kiosks page shows about each device.

export interface KioskHealth {
  readonly id: string;
  readonly enrolledAt: string | null;
  readonly lastSeenAt: string | null;
  readonly heartbeatAt: string | null;
  readonly heartbeat: Heartbeat | null;
}

export async function saveHeartbeat(db: Queryable, kioskId: string, heartbeat: Heartbeat, now: number): Promise<void> {
  await db.query('UPDATE kiosks SET heartbeat = $2, heartbeat_at = $3, last_seen_at = $3 WHERE id = $1', [
    kioskId,
    JSON.stringify(heartbeat),
    new Date(now),
  ]);
}

/** Health of every kiosk that was ever enrolled, keyed by id (configured kiosks never enrolled are absent). */
export async function listKioskHealth(db: Queryable): Promise<Map<string, KioskHealth>> {
  const rows = await db.query<{ id: string; enrolled_at: unknown; last_seen_at: unknown; heartbeat_at: unknown; heartbeat: unknown }>(
    'SELECT id, enrolled_at, last_seen_at, heartbeat_at, heartbeat FROM kiosks',
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        enrolledAt: isoOrNull(r.enrolled_at),
        lastSeenAt: isoOrNull(r.last_seen_at),
        heartbeatAt: isoOrNull(r.heartbeat_at),
        heartbeat: (typeof r.heartbeat === 'string' ? JSON.parse(r.heartbeat) : r.heartbeat) as Heartbeat | null,
      },
    ]),
  );
}

/** Silent: enrolled, and no call for longer than the limit (or never). */
export function isSilent(h: KioskHealth | undefined, now: number, silentMinutes: number): boolean {
  if (!h?.enrolledAt) return false;
  const last = h.lastSeenAt ? Date.parse(h.lastSeenAt) : Date.parse(h.enrolledAt);
  return now - last > silentMinutes * 60_000;
}
