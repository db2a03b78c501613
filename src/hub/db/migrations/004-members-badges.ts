// Members and the keys that sign their badges (issue 4, DESIGN §4.1).
export const id = '004-members-badges';

export const sql = `
-- Ed25519 keys. The private key stays in the database (issue 4): the hub is the only thing that signs,
-- and a backup of the database is a backup of the keys. Several may be active at once so keys can
-- rotate: kiosks accept every active key, the hub signs with the newest.
CREATE TABLE signing_keys (
  kid integer PRIMARY KEY CHECK (kid > 0),   -- small: it goes into every badge as a varint
  public_key bytea NOT NULL CHECK (length(public_key) = 32),
  private_key bytea NOT NULL,                -- PKCS#8
  created_at timestamptz NOT NULL,
  active boolean NOT NULL DEFAULT true,
  retired_at timestamptz
);

CREATE TABLE members (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- what badges and events carry
  member_no text NOT NULL UNIQUE,            -- what people type and what is printed on the card
  name text NOT NULL,
  masked_name text NOT NULL,                 -- the only form a kiosk or a badge ever shows
  card_hash text UNIQUE,                     -- sha256 (hex) of the employee card number; NULLs do not clash
  suspended_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX members_name ON members (lower(name));
`;
