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

/** Snapshot card map: card key → member. */
export type CardMap = Readonly<Record<string, CardMapEntry>>;

export type CardResolution =
  | { readonly kind: 'member'; readonly key: string; readonly memberId: string; readonly maskedName: string }
  // Offline, a card the cached map does not know may be new since the last snapshot: it is accepted as
  // unverified, flagged, and resolved by the hub at sync.
  | { readonly kind: 'unverified'; readonly key: string }
  | { readonly kind: 'unknown'; readonly key: string };

/** Looks a card key up; `offline` decides whether an unknown card is refused or accepted as unverified. */
export function resolveCard(key: string, map: CardMap, offline: boolean): CardResolution {
  const entry = Object.hasOwn(map, key) ? map[key] : undefined;
  if (entry) return { kind: 'member', key, memberId: entry.memberId, maskedName: entry.maskedName };
  return offline ? { kind: 'unverified', key } : { kind: 'unknown', key };
}

// ---------------------------------------------------------------------------------------------------------
// Names on screens

/** Two-character surnames: the whole surname is shown, so 欧阳华 reads 欧阳*, not 欧*华. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐',
  '端木', '澹台', '轩辕', '呼延', '南宫', '独孤', '西门', '申屠', '太史', '闻人', '万俟', '东郭', '百里', '钟离',
]);

const HAN = /\p{Script=Han}/u;

/**
 * A name as screens show it: enough for a worker to recognise themselves, not enough for a passer-by to
 * learn a colleague's full name. Chinese: surname kept, the last character kept when the given name has
 * two or more, one * per hidden character (张*明, 李*, 欧阳*华, 欧阳*). Latin and other scripts: the first
 * letter of the first name, a fixed *** (hiding its length), and the initial of the last name (J*** S.).
 */
export function maskName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean === '') return '*';
  if (HAN.test(clean)) return maskChinese([...clean.replace(/\s/g, '')]);
  const words = clean.split(' ');
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : null;
  return last ? `${first}*** ${last}.` : `${first}***`;
}

function maskChinese(chars: string[]): string {
  if (chars.length <= 1) return '*';
  const surname = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  const given = chars.slice(surname);
  if (given.length === 1) return chars.slice(0, surname).join('') + '*';
  const hidden = given.slice(0, -1).filter((c) => c !== '·' && c !== '•');
  return chars.slice(0, surname).join('') + '*'.repeat(Math.min(hidden.length, 3)) + given[given.length - 1];
}
