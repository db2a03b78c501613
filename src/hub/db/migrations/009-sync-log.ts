// Sync by parts (issue 14, domain/sync.ts): kiosks pull the identity part (card map, refused members and
// badges) as the changes since their version. Triggers write the change log, so no writer of `members` or
// `revoked_badges` can forget it (the import, the admin, badges, the demo, a restore).
//
// The log's order must be its commit order, or a kiosk that read up to 11 would never see a 10 committed
// after: each logging transaction takes advisory lock 7241009 before it takes a sequence number and keeps
// it until it commits, so writers of identity follow one another (readers never wait).
//
// Both tables are derived (`sync_` prefix): backups leave them out, and a restored database gets a new
// epoch at the next start, so every kiosk pulls the identity part in full once.
export const id = '009-sync-log';

export const sql = `
CREATE TABLE sync_state (
  id integer PRIMARY KEY CHECK (id = 1),
  epoch text NOT NULL                         -- part of every identity version; new for a new or restored database
);

CREATE TABLE sync_identity_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id integer,                          -- a member whose keys, masked name or suspension changed, or who was deleted
  badge_hash text,                            -- a short badge replaced: refused from now on
  at timestamptz NOT NULL DEFAULT now(),
  CHECK ((member_id IS NULL) <> (badge_hash IS NULL))
);

CREATE FUNCTION sync_log_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.card_hash IS NOT DISTINCT FROM OLD.card_hash AND NEW.badge_hash IS NOT DISTINCT FROM OLD.badge_hash
     AND NEW.masked_name = OLD.masked_name AND (NEW.suspended_at IS NULL) = (OLD.suspended_at IS NULL) THEN
    RETURN NEW; -- nothing a kiosk holds
  END IF;
  PERFORM pg_advisory_xact_lock(7241009);
  INSERT INTO sync_identity_log (member_id) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;

CREATE TRIGGER sync_log_member AFTER INSERT OR UPDATE OR DELETE ON members FOR EACH ROW EXECUTE FUNCTION sync_log_member();

CREATE FUNCTION sync_log_badge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7241009);
  INSERT INTO sync_identity_log (badge_hash) VALUES (NEW.badge_hash);
  RETURN NULL;
END $$;

CREATE TRIGGER sync_log_badge AFTER INSERT ON revoked_badges FOR EACH ROW EXECUTE FUNCTION sync_log_badge();
`;
