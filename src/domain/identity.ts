import * as v from 'valibot';
import { INT4_MAX, storedToken } from './storable';

// Who an event is about (DESIGN §4.1). A badge names a member the hub signed for; a card names one
// through the snapshot's card map, or nobody yet when the kiosk is offline and the card is new; a number
// typed on the keypad is only a claim. The hub resolves cards and numbers to members when it applies the
// event; the kiosk keys its own records by `subjectOf`, so a member is the same person on every path
// that names them the same way.

export const MEMBER_ID_PATTERN = /^(0|[1-9][0-9]{0,9})$/;
// the hub's members.id is an `integer` column: a larger number names nobody and must not reach a query
export const MemberIdSchema = v.pipe(
  v.string(), v.regex(MEMBER_ID_PATTERN, 'must be a member id'), v.check((s) => Number(s) <= INT4_MAX, 'must be a member id'),
);
/** sha256 hex of the normalised card number (domain cardKey): the kiosk never sends or stores the number. */
export const CardKeySchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a card key'));
/** What people type on the keypad and what is printed on the card: letters, digits, dashes. */
export const MEMBER_NO_MAX = 32;
export const MemberNoSchema = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{1,32}$/, 'must be a member number'));

export const BadgeIdentitySchema = v.strictObject({
  via: v.literal('badge'),
  memberId: MemberIdSchema,
  badgeId: storedToken(40), // domain badgeIdOf: member id @ issue second
});
export const CardIdentitySchema = v.strictObject({
  via: v.literal('card'),
  memberId: v.nullable(MemberIdSchema), // null: not in the cached card map (offline): unverified
  cardKey: CardKeySchema,
});
export const KeypadIdentitySchema = v.strictObject({ via: v.literal('keypad'), memberNo: MemberNoSchema });

export const IdentitySchema = v.variant('via', [BadgeIdentitySchema, CardIdentitySchema, KeypadIdentitySchema]);
/** Badge or card: enough for classes and machines. The keypad is only enough for a visit (DESIGN §4.1). */
export const PresentedIdentitySchema = v.variant('via', [BadgeIdentitySchema, CardIdentitySchema]);

export type Identity = v.InferOutput<typeof IdentitySchema>;
export type PresentedIdentity = v.InferOutput<typeof PresentedIdentitySchema>;

/** Verified: a signed badge, or a card the hub had mapped. A keypad number or an unmapped card is not. */
export const isVerified = (id: Identity): boolean => id.via === 'badge' || (id.via === 'card' && id.memberId !== null);

/**
 * The key a kiosk files a person under: the member id when known, else `card:<key>` or `no:<number>`.
 * The snapshot's "today" lists use member ids, so an unverified person is matched only with their own
 * earlier unverified records on this kiosk until the hub has resolved them.
 */
export function subjectOf(id: Identity): string {
  switch (id.via) {
    case 'badge':
      return id.memberId;
    case 'card':
      return id.memberId ?? `card:${id.cardKey}`;
    case 'keypad':
      return `no:${id.memberNo}`;
  }
}

/** Where an identification came from; failed scans are logged with it and with no payload. */
export const SCAN_SOURCES = ['camera', 'wedge', 'keypad'] as const;
export type ScanSource = (typeof SCAN_SOURCES)[number];
