// The workers' voice answered (issue 16): a suggestion may be signed by a member (a badge or a mapped
// card at the kiosk), so the center's answer can reach them at their next scan; read_at is when they
// marked it read on a member screen, after which no kiosk shows it again.
export const id = '011-voice';

export const sql = `
ALTER TABLE suggestions
  ADD COLUMN member_id integer REFERENCES members(id) ON DELETE SET NULL,  -- NULL: anonymous
  ADD COLUMN read_at timestamptz;                                           -- the member read the answer

-- what the kiosks' day part lists: answered, signed, not yet read
CREATE INDEX suggestions_unread_replies ON suggestions (replied_at) WHERE member_id IS NOT NULL AND reply IS NOT NULL AND read_at IS NULL;
`;
