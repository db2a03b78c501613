// The identity change log (009) also keeps the keys a member had before each change (issue 14), so a
// kiosk can drop a changed member's old cards and badges from its card map without looking through the
// whole map for them: at 50,000 members one pass over the map is a 50 ms task on the kiosk's main thread.
// Rows logged before this migration have no old keys (`logged_old` false): a kiosk whose changes include
// one gets the identity part in full once.
export const id = '010-sync-old-keys';

export const sql = `
ALTER TABLE sync_identity_log
  ADD COLUMN old_card_hash text,              -- the member's card key before this change (NULL: none, or a new member)
  ADD COLUMN old_badge_hash text,             -- the member's short-badge key before this change
  ADD COLUMN logged_old boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION sync_log_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.card_hash IS NOT DISTINCT FROM OLD.card_hash AND NEW.badge_hash IS NOT DISTINCT FROM OLD.badge_hash
     AND NEW.masked_name = OLD.masked_name AND (NEW.suspended_at IS NULL) = (OLD.suspended_at IS NULL) THEN
    RETURN NEW; -- nothing a kiosk holds
  END IF;
  PERFORM pg_advisory_xact_lock(7241009);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO sync_identity_log (member_id, logged_old) VALUES (NEW.id, true);
  ELSE
    INSERT INTO sync_identity_log (member_id, old_card_hash, old_badge_hash, logged_old)
      VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, OLD.card_hash, OLD.badge_hash, true);
  END IF;
  RETURN NULL;
END $$;
`;
