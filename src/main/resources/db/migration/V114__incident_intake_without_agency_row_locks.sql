-- Intake without row locks on agency rows (issue 4 §5). Every notice names the national coordinator and its
-- province's IR unit; each foreign key to agency (five on incident, one each on incident_recipient and
-- incident_deadline) and the FOR SHARE of V113's insert triggers locked those few agency rows in every concurrent
-- notice: a lock record in the WAL, a dirtied agency page and, with several lockers at once, a new multixact
-- (about three per notice). Measured on a kept benchmark database, durable, 32 clients: 223.9 -> 241.5 notices/s.
--
-- What the locks guarded is kept another way:
-- * A referenced agency can never disappear: agencies are never deleted (V13, agency_is_never_deleted: the registry
--   closes them with valid_to), so the foreign keys only checked ids at insert, which the intake takes from the
--   registry itself (routing by agency_role, a system's owner and operator, an agency id checked to exist).
-- * V113's insert triggers read the parties' paths FOR SHARE so that a concurrent subtree move waited for the notice
--   (and then recomputed it). Now they take a shared advisory lock and a path change takes the same lock
--   exclusively first: the move waits for notices in flight and notices wait for the move, as before, and all
--   notices still run side by side. The key, 8606201114, is used only here.
ALTER TABLE incident
    DROP CONSTRAINT incident_reporter_agency_id_fkey,
    DROP CONSTRAINT incident_owner_id_fkey,
    DROP CONSTRAINT incident_operator_id_fkey,
    DROP CONSTRAINT incident_filed_by_agency_id_fkey,
    DROP CONSTRAINT incident_lead_agency_id_fkey;
ALTER TABLE incident_recipient DROP CONSTRAINT incident_recipient_agency_id_fkey;
ALTER TABLE incident_deadline DROP CONSTRAINT incident_deadline_agency_id_fkey;

CREATE OR REPLACE FUNCTION incident_agency_on_incident_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(8606201114); -- agency paths: a move waits for this notice
    INSERT INTO incident_agency (ancestor_id, reported_at, incident_id)
    SELECT DISTINCT anc::uuid, n.reported_at, n.id
    FROM new_incidents n
    CROSS JOIN LATERAL unnest(ARRAY[n.reporter_agency_id, n.owner_id, n.operator_id]) x(agency_id)
    JOIN agency a ON a.id = x.agency_id
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) anc
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION incident_agency_on_recipient_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(8606201114);
    INSERT INTO incident_agency (ancestor_id, reported_at, incident_id)
    SELECT DISTINCT anc::uuid, i.reported_at, i.id
    FROM new_recipients n JOIN incident i ON i.id = n.incident_id
    JOIN agency a ON a.id = n.agency_id
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) anc
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- Before any statement that sets agency paths (Agencies.moveSubtree): wait for the notices in flight, hold back new
-- ones until commit. Statements of incident_agency_on_agency_move, which run after it, see every committed notice.
CREATE FUNCTION agency_path_change_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(8606201114);
    RETURN NULL;
END $$;

CREATE TRIGGER agency_path_change_lock BEFORE UPDATE OF path ON agency
    FOR EACH STATEMENT EXECUTE FUNCTION agency_path_change_lock();
