// Reasons get a table of their own, keyed by the rating they explain (issue 3). Before this they were an
// UPDATE of the rating's row, which silently did nothing when the reasons event was applied before its
// rating (a retry, a split batch, a rating in the dead letters): the event was kept but its reasons
// never showed. Now the reasons row exists on its own and joins the rating whenever the rating is there.
export const id = '003-rating-reasons';

export const sql = `
CREATE TABLE rating_reasons (
  rating_id uuid NOT NULL,           -- the rating event's id; no foreign key: the rating may come later
  kiosk_id text NOT NULL,            -- a kiosk explains only its own ratings: part of the key and the join
  event_id uuid NOT NULL REFERENCES events (id),
  reasons text[] NOT NULL,
  PRIMARY KEY (rating_id, kiosk_id)
);

-- rebuilt from the ledger, so reasons that arrived before their rating are recovered too
INSERT INTO rating_reasons (rating_id, kiosk_id, event_id, reasons)
SELECT DISTINCT ON ((payload->>'ratingId')::uuid, kiosk_id)
       (payload->>'ratingId')::uuid, kiosk_id, id, ARRAY(SELECT jsonb_array_elements_text(payload->'reasons'))
  FROM events
 WHERE kind = 'rating_reason'
 ORDER BY (payload->>'ratingId')::uuid, kiosk_id, received_at DESC, seq DESC;

ALTER TABLE ratings DROP COLUMN reasons;
`;
