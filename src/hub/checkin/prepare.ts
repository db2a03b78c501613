import {
  err, ok, zonedParts, type Result, type CenterConfig, type Identity, type KioskEvent, type PayloadOf, type RejectReason,
} from '../../domain/index';
import type { Queryable } from '../db/port';
import { getEntry, type StoredEntry } from '../schedule/repo';

// The first half of applying a check-in event: who it is about and whether it can be applied at all. It
// runs before the event is stored, so an impossible event (a member id nobody has, a class or machine
// group that never existed) is answered `rejected` and never enters the ledger. Everything else is
// applied; what the hub disagrees with becomes a fact for staff (project.ts).

export type CheckinEvent = Extract<KioskEvent, { kind: 'visit' | 'class_checkin' | 'gym' | 'scan_failed' }>;
export const isCheckinEvent = (e: KioskEvent): e is CheckinEvent =>
  e.kind === 'visit' || e.kind === 'class_checkin' || e.kind === 'gym' || e.kind === 'scan_failed';

/** A fact about the person, found while resolving them (recorded with the visit, see project.ts). */
export type IdentityFactKind = 'unknown_card' | 'unknown_member_no' | 'card_reassigned' | 'suspended_member';

export interface Who {
  /** the member id as text, or the kiosk's subject (`card:<key>`, `no:<number>`) while nobody is known */
  readonly subject: string;
  readonly memberId: number | null;
  readonly via: Identity['via'];
  /** a signed badge, or a card the hub maps to a member; a keypad number or an unknown card is not */
  readonly verified: boolean;
  readonly facts: readonly IdentityFactKind[];
}

export type Prepared =
  | { readonly kind: 'visit'; readonly e: Extract<CheckinEvent, { kind: 'visit' }>; readonly who: Who; readonly day: string }
  | { readonly kind: 'class_checkin'; readonly e: Extract<CheckinEvent, { kind: 'class_checkin' }>; readonly who: Who; readonly day: string; readonly entry: StoredEntry }
  | { readonly kind: 'gym'; readonly e: Extract<CheckinEvent, { kind: 'gym' }>; readonly who: Who; readonly day: string }
  | { readonly kind: 'scan_failed'; readonly e: Extract<CheckinEvent, { kind: 'scan_failed' }>; readonly day: string };

export type Preparation = Result<Prepared, RejectReason>;

type MemberRow = { id: number; suspended_at: unknown };
const memberById = async (tx: Queryable, id: string) =>
  (await tx.query<MemberRow>('SELECT id, suspended_at FROM members WHERE id = $1', [Number(id)]))[0] ?? null;

/** Resolves an identity to a member where the hub can; null: the kiosk named a member id nobody has. */
export async function resolveWho(tx: Queryable, identity: Identity): Promise<Who | null> {
  switch (identity.via) {
    case 'badge': {
      const m = await memberById(tx, identity.memberId);
      if (!m) return null;
      return { subject: String(m.id), memberId: m.id, via: 'badge', verified: true, facts: m.suspended_at ? ['suspended_member'] : [] };
    }
    case 'card': {
      const claimed = identity.memberId === null ? null : await memberById(tx, identity.memberId);
      if (identity.memberId !== null && !claimed) return null;
      // the card key is the hub's card_hash (both: sha256 of the normalised number), or the badge_hash of a
      // short badge a kiosk took offline before its snapshot knew it (domain badge-code.ts)
      const [owner] = await tx.query<MemberRow>('SELECT id, suspended_at FROM members WHERE card_hash = $1 OR badge_hash = $1', [identity.cardKey]);
      if (owner) {
        const facts: IdentityFactKind[] = [];
        // the kiosk's cached map named someone else: the card changed hands since its snapshot
        if (claimed && claimed.id !== owner.id) facts.push('card_reassigned');
        if (owner.suspended_at) facts.push('suspended_member');
        return { subject: String(owner.id), memberId: owner.id, via: 'card', verified: true, facts };
      }
      // Not (or no longer) a card the hub knows. The kiosk's cached map may have named a member: they
      // are kept as the subject (the card was theirs when the kiosk last heard), but not as verified.
      if (claimed) return { subject: String(claimed.id), memberId: claimed.id, via: 'card', verified: false, facts: ['unknown_card'] };
      return { subject: `card:${identity.cardKey}`, memberId: null, via: 'card', verified: false, facts: ['unknown_card'] };
    }
    case 'keypad': {
      const [m] = await tx.query<MemberRow>('SELECT id, suspended_at FROM members WHERE member_no = $1', [identity.memberNo]);
      if (!m) return { subject: `no:${identity.memberNo}`, memberId: null, via: 'keypad', verified: false, facts: ['unknown_member_no'] };
      return { subject: String(m.id), memberId: m.id, via: 'keypad', verified: false, facts: m.suspended_at ? ['suspended_member'] : [] };
    }
  }
}

/** The center's calendar day of an event: visits, steps and facts are filed under it. */
export const centerDay = (config: CenterConfig, at: string) => zonedParts(Date.parse(at), config.center.timeZone).date;

export async function prepareCheckin(tx: Queryable, config: CenterConfig, e: CheckinEvent): Promise<Preparation> {
  const day = centerDay(config, e.at);
  if (e.kind === 'scan_failed') return ok({ kind: 'scan_failed', e, day });
  const who = await resolveWho(tx, e.payload.identity);
  if (!who) return err('unknown_member');
  switch (e.kind) {
    case 'visit':
      return ok({ kind: 'visit', e, who, day });
    case 'class_checkin': {
      const entry = await getEntry(tx, e.payload.entryId);
      return entry ? ok({ kind: 'class_checkin', e, who, day, entry }) : err('unknown_entry');
    }
    case 'gym': {
      const p: PayloadOf<'gym'> = e.payload;
      const groups = new Set(config.equipment.map((g) => g.id));
      if (![p.group, ...p.steps.map((s) => s.group)].every((g) => groups.has(g))) return err('unknown_group');
      // a session step without a unit cannot be replayed: the kiosk sent something no version makes
      if (p.steps.some((s) => s.unit === null && s.action !== 'queue_join' && s.action !== 'queue_leave')) return err('invalid');
      return ok({ kind: 'gym', e, who, day });
    }
  }
}
