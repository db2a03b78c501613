import { isDate, isTime, zonedToEpoch } from '../../domain/index';

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?$/;

/** A datetime-local field's value ("2026-03-04T10:00") as epoch ms in the center's zone, or null. */
export function parseLocalDateTime(value: string, timeZone: string): number | null {
  const m = LOCAL_DATETIME.exec(value);
  if (!m || !isDate(m[1]!) || !isTime(m[2]!)) return null;
  return zonedToEpoch(m[1]!, m[2]!, timeZone);
}
