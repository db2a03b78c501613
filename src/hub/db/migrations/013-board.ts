// "You said, we did" (您说我们做, issue 16): staff publish an answered suggestion in their own words, with
// no names, to a board every kiosk shows. A post is withdrawn, never deleted, so what was shown is known.
export const id = '013-board';

export const sql = `
CREATE TABLE board_posts (
  id uuid PRIMARY KEY,
  suggestion_id uuid REFERENCES suggestions(id) ON DELETE SET NULL,
  said_zh text NOT NULL,
  said_en text NOT NULL,
  did_zh text NOT NULL,
  did_en text NOT NULL,
  published_at timestamptz NOT NULL,
  published_by text NOT NULL,
  withdrawn_at timestamptz
);
CREATE INDEX board_posts_shown ON board_posts (published_at DESC) WHERE withdrawn_at IS NULL;
`;
