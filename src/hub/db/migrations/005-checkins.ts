// Check-in read models (issue 4, DESIGN §4.2). Every row points at the event it came from; the events
// table stays the ledger. A person the hub could not resolve (an unknown card, a member number nobody
// has) is kept under the kiosk's subject (`card:<key>`, `no:<number>`, domain subjectOf) with no member,
// so nothing a kiosk accepted is dropped.
export const id = '005-checkins';

export const sql = `
-- once per person per center day: the first identification that day
CREATE TABLE visits (
  day date NOT NULL,                 -- the center's calendar day of the event's time
  subject text NOT NULL,             -- the member id, or card:<key> / no:<number> while unresolved
  member_id integer REFERENCES members (id),
  event_id uuid NOT NULL REFERENCES events (id),
  kiosk_id text NOT NULL,
  at timestamptz NOT NULL,
  via text NOT NULL CHECK (via IN ('badge', 'card', 'keypad')),
  verified boolean NOT NULL,
  PRIMARY KEY (day, subject)
);

-- one row per class_checkin event, refusals included, with what the kiosk said and what the hub found
CREATE TABLE class_attendance (
  event_id uuid PRIMARY KEY REFERENCES events (id),
  entry_id text NOT NULL REFERENCES schedule_entries (id),
  subject text NOT NULL,
  member_id integer REFERENCES members (id),
  kiosk_id text NOT NULL,
  at timestamptz NOT NULL,
  via text NOT NULL,
  kiosk_outcome text NOT NULL,
  hub_outcome text NOT NULL,
  counted boolean NOT NULL           -- the person is in the class: a kiosk let them in and they were not in yet
);
CREATE UNIQUE INDEX class_attendance_once ON class_attendance (entry_id, subject) WHERE counted;
CREATE INDEX class_attendance_at ON class_attendance (at);

-- the steps of gym events, one row each; the hub replays a day's steps with the domain reducer
CREATE TABLE gym_steps (
  id text PRIMARY KEY,               -- <event id>:<step index>, as the snapshot gives it to kiosks
  event_id uuid NOT NULL REFERENCES events (id),
  day date NOT NULL,
  subject text NOT NULL,
  member_id integer REFERENCES members (id),
  action text NOT NULL CHECK (action IN ('session_start', 'session_end', 'queue_join', 'queue_leave', 'claim')),
  gym_group text NOT NULL,
  unit integer,                      -- NULL for queue steps
  at timestamptz NOT NULL,
  kiosk_id text NOT NULL
);
CREATE INDEX gym_steps_day ON gym_steps (day, at, id);

-- codes that identified nobody: the reason only, never what the code said (DESIGN §4.1)
CREATE TABLE scan_failures (
  event_id uuid PRIMARY KEY REFERENCES events (id),
  kiosk_id text NOT NULL,
  at timestamptz NOT NULL,
  reason text NOT NULL,
  source text NOT NULL
);
CREATE INDEX scan_failures_at ON scan_failures (at);

-- what staff should know: disagreements between kiosks and the hub (flagged) and plain information
CREATE TABLE checkin_facts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  day date NOT NULL,
  subject text NOT NULL,
  member_id integer REFERENCES members (id),
  entry_id text,
  gym_group text,
  unit integer,
  event_id uuid REFERENCES events (id),   -- NULL for what time alone did (a session ending at its limit)
  kiosk_id text,
  at timestamptz NOT NULL,
  flagged boolean NOT NULL,
  resolved_at timestamptz,
  resolved_by text,
  note text,                         -- the staff's note when marking it resolved
  -- gym facts come from replaying the whole day after every gym event; the key keeps each one once
  dedupe_key text UNIQUE
);
CREATE INDEX checkin_facts_day ON checkin_facts (day, at);
`;
