// Facility bookings and class places (issue 5, DESIGN §4.4). The exclusion constraint, not a check in
// the application, is what guarantees that two bookings of one facility never overlap: two kiosks,
// two hub processes or an admin block racing a kiosk all meet it in the database.
export const id = '006-bookings';

export const sql = `
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bookings (
  id uuid PRIMARY KEY,               -- the kiosk's booking event id; the hub's own id for a staff block
  facility_id text NOT NULL,
  facility_kind text NOT NULL,
  member_id integer REFERENCES members (id),   -- NULL for a block
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  status text NOT NULL CHECK (status IN ('confirmed', 'checked_in', 'cancelled', 'no_show', 'refused', 'block', 'block_lifted')),
  code text NOT NULL,                -- domain bookingCode(id): what the worker is shown
  refusal text,                      -- the domain BookingRefusal when status = 'refused'
  source text NOT NULL CHECK (source IN ('kiosk', 'admin')),
  kiosk_id text,
  event_id uuid REFERENCES events (id),
  requested_at timestamptz NOT NULL, -- the kiosk's time of the request (offline: earlier than received)
  decided_at timestamptz NOT NULL,
  checked_in_at timestamptz,
  cancelled_at timestamptz,
  cancelled_by text CHECK (cancelled_by IN ('member', 'staff')),
  reason text,                       -- staff's reason for a cancellation, or what a block is for
  staff_user text,                   -- who cancelled or blocked, for staff actions
  CHECK ((status IN ('block', 'block_lifted')) = (member_id IS NULL)),
  EXCLUDE USING gist (facility_id WITH =, during WITH &&) WHERE (status IN ('confirmed', 'checked_in', 'block'))
);
CREATE INDEX bookings_member ON bookings (member_id, lower(during));
CREATE INDEX bookings_starts ON bookings (lower(during));

-- one row per no-show, so "2 in 30 days" is a count, and staff can see them
CREATE TABLE booking_no_shows (
  booking_id uuid PRIMARY KEY REFERENCES bookings (id),
  member_id integer NOT NULL REFERENCES members (id),
  at timestamptz NOT NULL            -- when it was released
);
CREATE INDEX booking_no_shows_member ON booking_no_shows (member_id, at);

CREATE TABLE booking_suspensions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id integer NOT NULL REFERENCES members (id),
  starts_at timestamptz NOT NULL,
  until_at timestamptz NOT NULL,
  -- the no-show that caused it: released twice (two hub processes) it still suspends once
  cause_booking_id uuid UNIQUE REFERENCES bookings (id),
  lifted_at timestamptz,
  lifted_by text
);
CREATE INDEX booking_suspensions_member ON booking_suspensions (member_id, until_at);

CREATE TABLE class_reservations (
  id uuid PRIMARY KEY,               -- the kiosk's class_reserve event id
  entry_id text NOT NULL REFERENCES schedule_entries (id),
  member_id integer NOT NULL REFERENCES members (id),
  status text NOT NULL CHECK (status IN ('reserved', 'waitlisted', 'cancelled', 'refused')),
  refusal text,                      -- the domain ReserveRefusal when status = 'refused'
  requested_at timestamptz NOT NULL, -- the waitlist's order
  decided_at timestamptz NOT NULL,
  promoted_at timestamptz,
  cancelled_at timestamptz,
  cancelled_by text CHECK (cancelled_by IN ('member', 'staff')),
  event_id uuid REFERENCES events (id),
  kiosk_id text
);
-- a member holds or waits for at most one place per class
CREATE UNIQUE INDEX class_reservations_once ON class_reservations (entry_id, member_id) WHERE status IN ('reserved', 'waitlisted');
CREATE INDEX class_reservations_entry ON class_reservations (entry_id, status, requested_at);
`;
