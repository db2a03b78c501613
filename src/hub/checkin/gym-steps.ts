import { gymEventOf, type CenterConfig, type GymEvent, type GymGroupConfig } from '../../domain/index';
import type { Queryable } from '../db/port';

// The day's gym steps as stored, read by the projection (checkin/project.ts, which writes what they
// mean) and by the read models (the kiosk's day part, the admin's Today page), which never import it.

export const gymGroupsOf = (config: CenterConfig): GymGroupConfig[] =>
  config.equipment.map((g) => ({ id: g.id, units: g.units, outOfService: g.outOfService }));

export interface StepRow {
  id: string;
  event_id: string;
  subject: string;
  member_id: number | null;
  action: GymEvent['kind'];
  gym_group: string;
  unit: number | null;
  at: unknown;
  kiosk_id: string;
}

/** A day's gym steps in the order the hub applies them: by time, then by event and step. */
export async function gymStepsOf(tx: Queryable, day: string): Promise<StepRow[]> {
  return tx.query<StepRow>(
    'SELECT id, event_id, subject, member_id, action, gym_group, unit, at, kiosk_id FROM gym_steps WHERE day = $1 ORDER BY at, id',
    [day],
  );
}

export const toGymEvent = (r: StepRow): GymEvent =>
  gymEventOf(r.action, r.subject, r.gym_group, r.unit, r.at instanceof Date ? r.at.getTime() : Date.parse(String(r.at)));
