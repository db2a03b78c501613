import { err, ok, type Result } from './result';

// Employee cards (DESIGN §4.1). The hub maps card numbers to members; the snapshot carries that map keyed
// by sha256 of the normalised number, so a kiosk never stores card numbers. Kiosk (WebCrypto) and hub
// (node:crypto) hash differently, so the hash function is an argument and the rule lives here once.

export const CARD_MIN_DIGITS = 4;
export const CARD_MAX_DIGITS = 32;

export type CardError = 'empty' | 'not_digits' | 'too_short' | 'too_long';

/**
 * Trims, turns full-width digits (０–９, typed with a Chinese IME active) into ASCII, and checks that only
 * digits remain. Leading zeros are kept: "0012345678" and "12345678" are different cards.
 */
export function normaliseCard(raw: string): Result<string, CardError> {
  const text = raw.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
  if (text === '') return err('empty');
  if (!/^[0-9]+$/.test(text)) return err('not_digits');
  if (text.length < CARD_MIN_DIGITS) return err('too_short');
  if (text.length > CARD_MAX_DIGITS) return err('too_long');
  return ok(text);
}

/** sha256 of UTF-8 text as hex; the kiosk passes a WebCrypto one, the hub a node:crypto one. */
export type HashText = (text: string) => Promise<string>;

/** The card map key of a raw card number: lowercase hex sha256 of the normalised number. */
export async function cardKey(raw: string, hash: HashText): Promise<Result<string, CardError>> {
  const card = normaliseCard(raw);
  if (!card.ok) return card;
  return ok((await hash(card.value)).toLowerCase());
}

export interface CardMapEntry {
  readonly memberId: string;
  readonly maskedName: string;
}

/**
 * How much of a card key the card map holds: the first 128 bits, 32 hex digits. A key is sha256 output that
 * gzip cannot shrink, so at 75,000 keys (50,000 members, a card each and a short badge for half) the full
 * keys alone were 2.4 MB of a new kiosk's first pull; half of each tells 75,000 keys apart just as well (a
 * collision among them has a chance of about 1 in 10^28). Events still carry the whole key, which the hub
 * resolves against its own full hashes.
 */
export const MAP_KEY_HEX = 32;

/** The card map's key for a card key (a map key is left as it is). */
export const mapKey = (key: string): string => key.slice(0, MAP_KEY_HEX);

/** Snapshot card map: map key (mapKey of a card key) → member. */
export type CardMap = Readonly<Record<string, CardMapEntry>>;

export type CardResolution =
  | { readonly kind: 'member'; readonly key: string; readonly memberId: string; readonly maskedName: string }
  // Offline, a card the cached map does not know may be new since the last snapshot: it is accepted as
  // unverified, flagged, and resolved by the hub at sync.
  | { readonly kind: 'unverified'; readonly key: string }
  | { readonly kind: 'unknown'; readonly key: string };

/** Looks a card key up; `offline` decides whether an unknown card is refused or accepted as unverified. */
export function resolveCard(key: string, map: CardMap, offline: boolean): CardResolution {
  const k = mapKey(key);
  const entry = Object.hasOwn(map, k) ? map[k] : undefined;
  if (entry) return { kind: 'member', key, memberId: entry.memberId, maskedName: entry.maskedName };
  return offline ? { kind: 'unverified', key } : { kind: 'unknown', key };
}

// ---------------------------------------------------------------------------------------------------------
// Names on screens

/** Two-character surnames: the whole surname is shown, so 欧阳华 reads 欧阳*, not 欧*华. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕',
  '令狐', '端木', '南宫', '独孤', '西门', '澹台', '百里', '呼延', '钟离', '宗政', '濮阳', '公冶', '太叔', '申屠',
  '闻人', '万俟', '赫连', '司空', '拓跋', '东郭', '左丘', '第五',
]);

const HAN = /^\p{Script=Han}/u;

/**
 * A name as screens show it: enough for a worker to recognise themselves, not enough for a passer-by to
 * learn a colleague's full name, and short, because it travels in the badge payload (DESIGN §4.1).
 * Chinese: the surname, one *, and the last character when the given name has two or more
 * (张*明, 李*, 欧阳*华, 欧阳*, 爱*仪); spaces and middle dots carry no letters. Latin and other scripts: the
 * first name's initial, a fixed *** that hides its length, and the last name's initial (J*** S.).
 * One rule for kiosk and hub: the hub stores these as members' display names.
 */
export function maskName(fullName: string): string {
  const name = fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') return '*';
  if (HAN.test(name)) {
    const chars = [...name.replace(/[\s·•・.]/g, '')];
    const surname = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
    const kept = chars.slice(0, surname).join('');
    return chars.length <= surname + 1 ? `${kept}*` : `${kept}*${chars[chars.length - 1]}`;
  }
  const words = name.split(' ');
  const initial = (w: string) => [...w][0]!.toLocaleUpperCase();
  const first = `${initial(words[0]!)}***`;
  return words.length > 1 ? `${first} ${initial(words[words.length - 1]!)}.` : first;
}
