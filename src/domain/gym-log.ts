import { initialGym, reduceGym, settleGym, type GymEvent, type GymGroupConfig, type GymRules, type GymSession, type GymState } from './gym';

// The equipment sessions of a day as a list, for staff (the hub's Today page and its CSV): who used which
// unit from when to when, and how it ended. Read from the same reducer kiosks and the hub replay, so the
// list always agrees with occupancy and with the facts the hub keeps.

/** How a session ended: the member scanned out, it reached its limit while others waited, or the member
 * started on another unit without ending this one (two offline kiosks). */
export type SessionEnd = 'member' | 'limit' | 'replaced';

export interface SessionRecord extends GymSession {
  readonly endedAt: number | null; // null: still open at `until`
  readonly endedBy: SessionEnd | null;
}

const same = (a: GymSession, b: GymSession) =>
  a.memberId === b.memberId && a.group === b.group && a.unit === b.unit && a.startedAt === b.startedAt;

/**
 * Replays `events` (sorted by time, as replayGym does) and records every session's start and end, then
 * lets time run on to `until` so sessions that reach their limit by then are ended too. Returns the
 * sessions in start order and the final state (for occupancy and queues at `until`).
 */
export function gymSessionLog(
  groups: readonly GymGroupConfig[], rules: GymRules, events: readonly GymEvent[], start: number, until: number,
): { sessions: SessionRecord[]; state: GymState } {
  const records: { session: GymSession; endedAt: number | null; endedBy: SessionEnd | null }[] = [];
  const close = (before: readonly GymSession[], after: GymState, fallbackAt: number, by: SessionEnd) => {
    for (const s of before) {
      if (after.sessions.some((x) => same(x, s))) continue;
      const r = records.find((x) => x.endedAt === null && same(x.session, s));
      if (!r) continue;
      // a session that ended at its limit has an auto_ended fact with the exact instant
      const auto = after.facts.find((f) => f.kind === 'auto_ended' && f.memberId === s.memberId && f.group === s.group && f.unit === s.unit && f.at >= s.startedAt);
      r.endedAt = auto ? auto.at : fallbackAt;
      r.endedBy = auto ? 'limit' : by;
    }
  };
  let state = initialGym(groups, rules, start);
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    const settled = settleGym(state, e.at);
    close(state.sessions, settled, e.at, 'limit');
    const after = reduceGym(settled, e);
    close(settled.sessions, after, e.at, e.kind === 'session_end' ? 'member' : 'replaced');
    for (const s of after.sessions) if (!records.some((r) => same(r.session, s))) records.push({ session: s, endedAt: null, endedBy: null });
    state = after;
  }
  const end = settleGym(state, Math.max(until, state.clock));
  close(state.sessions, end, until, 'limit');
  return {
    sessions: records.map((r) => ({ ...r.session, endedAt: r.endedAt, endedBy: r.endedBy })).sort((a, b) => a.startedAt - b.startedAt),
    state: end,
  };
}
