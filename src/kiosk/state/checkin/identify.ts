import { BADGE_PREFIX, badgeIdOf, verifyBadge, type VerifyEd25519 } from '../../../domain/badge';
import { parseShortBadge, shortBadgeId } from '../../../domain/badge-code';
import { fromBase64url } from '../../../domain/bytes';
import { cardKey, normaliseCard, resolveCard, type CardMap, type HashText } from '../../../domain/card';
import type { IdentifyFailure } from '../../../domain/checkin';
import type { Identity } from '../../../domain/identity';
import type { Snapshot } from '../../../domain/protocol';
import { err, ok, type Result } from '../../../domain/result';

// Scanned text → who it is. A signed badge token is verified offline with the snapshot's keys; a short
// badge (W2.…) and digits (a card number) are looked up by their hash in the snapshot's card map, which
// holds both (unknown offline: accepted unverified, resolved by the hub); anything else is not one of our
// codes. The text itself is never kept or shown.

export interface Identified {
  readonly identity: Identity;
  /** masked name from the badge or the card map; null for an unverified card or a keypad number */
  readonly name: string | null;
  readonly verified: boolean;
}

export interface IdentifyContext {
  /** kid → raw Ed25519 public key */
  readonly keys: ReadonlyMap<number, Uint8Array>;
  /**
   * snapshot.revokedMembers: the hub lists suspended members there; their badges and cards are refused as
   * suspended_member (as the hub's own badge test reads it), not as a revoked badge
   */
  readonly revokedMembers: readonly string[];
  readonly cardMap: CardMap;
  /** snapshot.revokedBadges: short badges replaced by a new one, refused offline too */
  readonly revokedBadges?: readonly string[];
  readonly offline: boolean;
  readonly now: number;
}

/** What a scan is judged against: the snapshot's keys, refusals and card map, the connection and the time. */
export function identifyContext(snapshot: Snapshot | null, keys: ReadonlyMap<number, Uint8Array>, offline: boolean, now: number): IdentifyContext {
  return {
    keys, revokedMembers: snapshot?.revokedMembers ?? [], cardMap: snapshot?.cardMap ?? {}, revokedBadges: snapshot?.revokedBadges ?? [], offline, now,
  };
}

/** The badge keys of a snapshot; a key that is not 32 bytes of base64url is left out. */
export function deriveBadgeKeys(snapshot: Snapshot | null): Map<number, Uint8Array> {
  const keys = new Map<number, Uint8Array>();
  for (const k of snapshot?.badgeKeys ?? []) {
    const raw = fromBase64url(k.publicKey);
    if (raw?.length === 32) keys.set(k.kid, raw);
  }
  return keys;
}

export async function identifyScan(
  text: string,
  ctx: IdentifyContext,
  verify: VerifyEd25519,
  hash: HashText,
): Promise<Result<Identified, IdentifyFailure>> {
  const trimmed = text.trim();
  if (trimmed.startsWith(BADGE_PREFIX)) {
    const badge = await verifyBadge(trimmed, { keys: ctx.keys, suspendedMembers: ctx.revokedMembers, now: ctx.now }, verify);
    if (!badge.ok) return badge;
    const p = badge.value;
    return ok({ identity: { via: 'badge', memberId: p.memberId, badgeId: badgeIdOf(p) }, name: p.name, verified: true });
  }
  const short = parseShortBadge(trimmed);
  if (short.ok) {
    const key = (await hash(short.value)).toLowerCase();
    if (ctx.revokedBadges?.includes(key)) return err('revoked_badge');
    const found = resolveCard(key, ctx.cardMap, ctx.offline);
    switch (found.kind) {
      case 'member':
        if (ctx.revokedMembers.includes(found.memberId)) return err('suspended_member');
        return ok({ identity: { via: 'badge', memberId: found.memberId, badgeId: shortBadgeId(key) }, name: found.maskedName, verified: true });
      case 'unverified':
        // newer than this kiosk's snapshot: it travels by its key like an unknown card, and the hub resolves it
        return ok({ identity: { via: 'card', memberId: null, cardKey: key }, name: null, verified: false });
      case 'unknown':
        // online and not in the map: never issued, or replaced by a newer badge (revocation is removal)
        return err('revoked_badge');
    }
  }
  if (short.error === 'malformed') return err('malformed');
  if (!normaliseCard(trimmed).ok) return err('not_our_code');
  const key = await cardKey(trimmed, hash);
  if (!key.ok) return err('not_our_code');
  const card = resolveCard(key.value, ctx.cardMap, ctx.offline);
  switch (card.kind) {
    case 'member':
      if (ctx.revokedMembers.includes(card.memberId)) return err('suspended_member');
      return ok({ identity: { via: 'card', memberId: card.memberId, cardKey: card.key }, name: card.maskedName, verified: true });
    case 'unverified':
      return ok({ identity: { via: 'card', memberId: null, cardKey: card.key }, name: null, verified: false });
    case 'unknown':
      return err('unknown_member');
  }
}
