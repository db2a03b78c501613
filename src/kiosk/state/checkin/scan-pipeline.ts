import { computed, type ReadonlySignal } from '@preact/signals';
import type { VerifyEd25519 } from '../../../domain/badge';
import type { HashText } from '../../../domain/card';
import { deriveVisit, shouldActOnScan, type IdentifyFailure, type VisitOutcome } from '../../../domain/checkin';
import type { Rules } from '../../../domain/config/defaults';
import { subjectOf, type Identity, type ScanSource } from '../../../domain/identity';
import type { Snapshot } from '../../../domain/protocol';
import { err, ok, type Result } from '../../../domain/result';
import type { LocalRecords } from './checkin-knowledge';
import { deriveBadgeKeys, identifyContext, identifyScan, type Identified } from './identify';
import { recordSafely, type EventSink } from '../ports';
import type { Connection } from '../sync/snapshot-model';

// The one path from a scan to a person (DESIGN §4.1): debounce → identify → record the visit. The member
// screen and the Book screen each hold one (each with its own debounce) and route what comes out: the
// member screen checks in, the Book screen books. Every identification records the center visit, once
// per member per day, wherever it happened; a scan that identifies nobody records why (never the text).

export interface ScanPipelinePorts {
  readonly sink: EventSink;
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly rules: ReadonlySignal<Rules>;
  readonly timeZone: ReadonlySignal<string>;
  readonly connection: ReadonlySignal<Connection>;
  /** the day's recorded visits (check-in's knowledge), so a second identification records none */
  readonly lastVisits: ReadonlySignal<ReadonlyMap<string, number>>;
  readonly visitRecords: Pick<LocalRecords, 'add'>;
  readonly verify: VerifyEd25519;
  readonly hash: HashText;
}

/** Someone identified, their visit written: who, under what subject, and whether it was the day's first. */
export interface Visitor extends Identified {
  readonly subject: string;
  readonly visit: VisitOutcome;
}

/** Why nobody came out: the code said so (recorded as scan_failed), or the visit could not be written. */
export type ScanRefusal = IdentifyFailure | 'not_saved';

export interface ScanPipeline {
  /** false for an empty text or the same code again within the debounce window: ignore it */
  accept(text: string, now: number): boolean;
  /** a new question (a new slot to book): the code just refused may answer it */
  forgetSeen(): void;
  /** scanned text → the visitor; a failed scan is recorded with its reason */
  identify(text: string, source: Exclude<ScanSource, 'keypad'>, now: number): Promise<Result<Visitor, ScanRefusal>>;
  /** an identity known otherwise (a member number typed on the keypad) → the visitor */
  visit(who: Identified, now: number): Promise<Result<Visitor, 'not_saved'>>;
}

export function createScanPipeline(p: ScanPipelinePorts): ScanPipeline {
  const badgeKeys = computed(() => deriveBadgeKeys(p.snapshot.value));
  const offline = () => p.connection.value === 'offline';
  let lastSeen: ReadonlyMap<string, number> = new Map();

  const visit = async (who: Identified, now: number): Promise<Result<Visitor, 'not_saved'>> => {
    const identity: Identity = who.identity;
    const subject = subjectOf(identity);
    const v = deriveVisit(subject, now, p.timeZone.value, p.lastVisits.value, offline());
    const saved = await recordSafely(p.sink, 'visit', { identity, outcome: v.outcome });
    if (!saved.ok) return err('not_saved');
    if (v.outcome === 'visit_recorded') p.visitRecords.add([{ kind: 'visit', id: saved.value.id, at: now, subject, name: who.name }]);
    return ok({ ...who, subject, visit: v });
  };

  return {
    accept(text, now) {
      const code = text.trim();
      if (code === '') return false;
      const d = shouldActOnScan(code, now, lastSeen, p.rules.value.scanDebounceSeconds);
      lastSeen = d.lastSeen;
      return d.act;
    },
    forgetSeen() {
      lastSeen = new Map();
    },
    async identify(text, source, now) {
      const r = await identifyScan(text, identifyContext(p.snapshot.value, badgeKeys.value, offline(), now), p.verify, p.hash);
      if (r.ok) return visit(r.value, now);
      await recordSafely(p.sink, 'scan_failed', { reason: r.error, source }); // the reason only, never the text
      return r;
    },
    visit,
  };
}
