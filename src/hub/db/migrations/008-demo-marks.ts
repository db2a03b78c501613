// The demo center's sample data (issue 13, hub/demo/seed.ts) is listed here as it is made, so that
// `npm run demo:clear` removes exactly it (and what was later done in its members' names) before a real
// center goes live, and nothing a real kiosk or staff member made.
export const id = '008-demo-marks';

export const sql = `
CREATE TABLE demo_marks (
  what text NOT NULL CHECK (what IN ('member', 'event')),
  id text NOT NULL,                  -- members.id or events.id, as text
  PRIMARY KEY (what, id)
);
`;
