// Polls (意见征集, issue 16): staff ask one question, members answer at a kiosk with their badge or card.
// Every ballot a kiosk sent is kept (a fact: who voted what, when, from which kiosk); `counted` marks the
// one ballot per member that counts, and the partial unique index makes "one vote per member per poll"
// the database's rule, not only the hub's: two kiosks that took a vote from the same member offline
// cannot both count, whatever order their events arrive in.
export const id = '015-polls';

export const sql = `
CREATE TABLE polls (
  id uuid PRIMARY KEY,
  question_zh text NOT NULL,
  question_en text NOT NULL,
  options jsonb NOT NULL,               -- [{ "id": "o1", "zh": "…", "en": "…" }], 2 to 6, in the order shown
  multiple boolean NOT NULL,            -- members may choose more than one option
  changeable boolean NOT NULL,          -- a later vote replaces the earlier one while the poll is open
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  published_at timestamptz,             -- the result is shown on the kiosks (after closing)
  published_by text,
  CHECK (closes_at > opens_at)
);

CREATE TABLE poll_ballots (
  event_id uuid PRIMARY KEY REFERENCES events(id),
  poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
  member_id integer NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  kiosk_id text NOT NULL,
  at timestamptz NOT NULL,              -- when the member voted at the kiosk
  choices text[] NOT NULL,
  counted boolean NOT NULL,
  decision text NOT NULL                -- domain polls.ts VoteDecision, as judged when it arrived
);
CREATE UNIQUE INDEX poll_ballots_one_counted ON poll_ballots (poll_id, member_id) WHERE counted;
CREATE INDEX poll_ballots_poll ON poll_ballots (poll_id, counted);

-- the demo center's sample polls are listed for demo:clear like its members and events
ALTER TABLE demo_marks DROP CONSTRAINT demo_marks_what_check;
ALTER TABLE demo_marks ADD CONSTRAINT demo_marks_what_check CHECK (what IN ('member', 'event', 'poll'));
`;
