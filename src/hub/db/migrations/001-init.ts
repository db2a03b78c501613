// The first schema. Later issues add their own numbered files (events, kiosks, members, bookings);
// a migration that has run is never edited, only followed by a new one.
export const id = '001-init';

export const sql = `
CREATE TABLE schedule_entries (
  id           text PRIMARY KEY,
  -- the weekly template it was materialised from, and the date it was for; NULL for entries staff added
  template_id  text NULL,
  occurs_on    date NULL,
  category     text NOT NULL,
  title_zh     text NOT NULL,
  title_en     text NOT NULL,
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  room         text NOT NULL,
  instructor   text NOT NULL DEFAULT '',
  capacity     integer NULL CHECK (capacity IS NULL OR capacity >= 0),
  cancelled_at timestamptz NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  -- a template yields at most one entry per date, so materialising twice inserts nothing new
  CONSTRAINT schedule_entries_template_once UNIQUE (template_id, occurs_on)
);
CREATE INDEX schedule_entries_starts_at ON schedule_entries (starts_at);
CREATE INDEX schedule_entries_room_time ON schedule_entries (room, starts_at);

CREATE TABLE admin_users (
  username      text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admin_sessions (
  -- sha256 (hex) of the session id: a copy of this table does not let anyone log in
  id_hash    text PRIMARY KEY,
  username   text NOT NULL REFERENCES admin_users(username) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_sessions_expires_at ON admin_sessions (expires_at);

CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
