import type { CenterConfig } from '../../domain/index';
import type { Queryable } from '../db/port';
import { issueEnrollmentCode } from '../kiosks/tokens';

// The demo center's first run (issue 13): a newcomer who ran `npm start` opens one link and has a
// working kiosk. The link carries a one-time enrollment code for the demo's lobby kiosk, made at start
// and printed only to the hub's console (whoever reads it already runs the hub), and only while that
// kiosk has never been enrolled: once it has, enrolling goes through the admin's Kiosks page as usual.

/** The center id of the shipped demo configuration (kiosk-config/center.json). */
export const DEMO_CENTER_ID = 'demo-center';
/** The demo kiosk the start link enrolls: the lobby kiosk, which offers every feature but the gym. */
export const DEMO_KIOSK_ID = 'lobby-1';

/** A one-time code for the demo kiosk, or null: not the demo center, or the kiosk was enrolled before. */
export async function demoEnrollmentCode(db: Queryable, config: CenterConfig, now: number): Promise<string | null> {
  if (config.center.id !== DEMO_CENTER_ID || !config.kiosks.some((k) => k.id === DEMO_KIOSK_ID)) return null;
  const [enrolled] = await db.query<{ id: string }>('SELECT id FROM kiosks WHERE id = $1 AND enrolled_at IS NOT NULL', [DEMO_KIOSK_ID]);
  return enrolled ? null : issueEnrollmentCode(db, DEMO_KIOSK_ID, now);
}
