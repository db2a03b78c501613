// When a suggestion was first answered (issue 16: time to first reply in the inbox). replied_at moves when
// the reply text changes; this stays. Suggestions answered before it count from their current reply.
export const id = '014-first-reply';

export const sql = `
ALTER TABLE suggestions ADD COLUMN first_replied_at timestamptz;
UPDATE suggestions SET first_replied_at = replied_at WHERE replied_at IS NOT NULL;
`;
