import type { Lang } from '../../domain/text';
import { t, type MessageKey } from '../i18n/t';
import type { MemberOutcome } from '../../domain/outcome';
import type { OutcomeView } from '../state/checkin/member-model';
import { dateShort, timeOf } from './format';
import { zonedParts } from '../../domain/time';
import type { Lookup } from './lookup';

// The words of a check-in outcome: one catalog message per code, filled with the class or equipment
// name, unit, queue place or time the decision carries; a booking tap names the facility and its day and
// time. Plain text only: nothing scanned reaches here.

function params(lang: Lang, o: MemberOutcome, lookup: Lookup, timeZone: string): Record<string, string | number> {
  if ('facilityId' in o) {
    return {
      facility: lookup.room(o.facilityId), day: dateShort(lang, zonedParts(o.startsAt, timeZone).date), time: timeOf(o.startsAt, timeZone),
      ...('opensAt' in o && { opens: timeOf(o.opensAt, timeZone) }),
    };
  }
  if ('entryId' in o) {
    const time = o.outcome === 'too_early' ? o.opensAt : o.outcome === 'too_late' ? o.closedAt : null;
    return {
      class: lookup.entryTitle(o.entryId), ...(time !== null && { time: timeOf(time, timeZone) }),
      ...('position' in o && { position: o.position }),
    };
  }
  if ('group' in o) {
    return {
      group: lookup.equipment(o.group),
      ...('unit' in o && { unit: o.unit }),
      ...('position' in o && { position: o.position }),
      ...('claimBy' in o && { time: timeOf(o.claimBy, timeZone) }),
    };
  }
  return {};
}

export function outcomeText(lang: Lang, view: OutcomeView, lookup: Lookup, timeZone: string): string {
  const key = `outcome.${view.code}` as MessageKey;
  return t(lang, key, view.outcome ? params(lang, view.outcome, lookup, timeZone) : {});
}
