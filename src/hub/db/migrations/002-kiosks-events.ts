// Kiosk devices, the event ledger and the feedback projections (issue 3).
export const id = '002-kiosks-events';

export const sql = `
CREATE TABLE kiosks (
  id text PRIMARY KEY,
  token_hash text UNIQUE,            -- sha256 (hex) of the device token; the token itself is never stored
  enrolled_at timestamptz,
  last_seen_at timestamptz,          -- last authenticated API call
  heartbeat jsonb,                   -- the last heartbeat body, as the kiosk sent it
  heartbeat_at timestamptz
);

CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,        -- sha256 (hex) of the one-time code
  kiosk_id text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Every event a kiosk (or the phone form) delivered, once: the primary key is the idempotency guarantee.
CREATE TABLE events (
  id uuid PRIMARY KEY,
  kiosk_id text NOT NULL,
  seq integer NOT NULL,
  at timestamptz NOT NULL,           -- kiosk time
  received_at timestamptz NOT NULL,  -- hub time
  kind text NOT NULL,
  payload jsonb NOT NULL,
  content_hash text NOT NULL         -- sha256 of the canonical event: same id with other content is a conflict
);
CREATE INDEX events_kiosk_at ON events (kiosk_id, at);

CREATE TABLE ratings (
  event_id uuid PRIMARY KEY REFERENCES events (id),
  kiosk_id text NOT NULL,
  at timestamptz NOT NULL,
  topic text,
  score smallint NOT NULL CHECK (score BETWEEN 0 AND 3),
  reasons text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX ratings_at ON ratings (at);

CREATE TABLE suggestions (
  id uuid PRIMARY KEY,               -- the event id for kiosk suggestions, a hub-made UUIDv7 for the phone form
  kiosk_id text,
  source text NOT NULL CHECK (source IN ('kiosk', 'phone')),
  at timestamptz NOT NULL,
  topic text,
  text text NOT NULL,
  contact text,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'answered')),
  reply text,
  replied_at timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX suggestions_at ON suggestions (at DESC);
`;
