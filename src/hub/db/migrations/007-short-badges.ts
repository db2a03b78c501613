// The short member badge (issue 11, domain badge-code.ts): an 80-bit random code per member, printed as a
// version-1 QR. The code itself is kept so staff can print it again and a member's phone link can show
// it (the signing keys live in this database too: a copy of it is already everything); kiosks only ever
// get its sha256, in the card map. Issuing a new code replaces the old one, which is how a lost badge is
// revoked. badge_issued_at: when; a member without one still has only the signed (version-7) badge.
export const id = '007-short-badges';

export const sql = `
ALTER TABLE members ADD COLUMN badge_code text UNIQUE;
ALTER TABLE members ADD COLUMN badge_hash text UNIQUE;
ALTER TABLE members ADD COLUMN badge_issued_at timestamptz;
-- codes replaced by a new badge: kiosks refuse them even offline (without this list an offline kiosk could
-- not tell a lost badge from one newer than its snapshot, and would take it as unverified)
CREATE TABLE revoked_badges (
  badge_hash text PRIMARY KEY,
  member_id integer NOT NULL REFERENCES members (id),
  revoked_at timestamptz NOT NULL
);
-- a member's personal link to show their badge on a phone (/b/<token>); only the token's sha256 is kept,
-- and staff can revoke it (a lost phone) without replacing the printed badge
CREATE TABLE badge_links (
  token_hash text PRIMARY KEY,
  member_id integer NOT NULL REFERENCES members (id),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX badge_links_member ON badge_links (member_id);
`;
