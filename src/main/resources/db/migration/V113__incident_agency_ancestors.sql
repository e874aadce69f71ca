-- Incident list and board with 1,000,000 incidents (issue 4 §5, p95 < 150 ms): the agencies of a case's parties and
-- all their ancestors, one row per (ancestor, incident), so that "the incidents of agency P's subtree, newest first"
-- is a range scan of one index instead of a LIKE join of every party's path. The parties are the ones the list's
-- agency filter and the subtree visibility rule look at: reporter, owner, operator and every recipient (order
-- addressees are few and still checked by path). reported_at is copied so that the index is in list order.
--
-- Kept exact by triggers (like V92 for coverage): a new incident adds the ancestors of its reporter, owner and
-- operator; a new recipient adds its own; a change of those columns (or of reported_at) recomputes the case; a
-- change of an agency's path (a subtree move updates the path of every agency of the subtree) recomputes every case
-- in which a moved agency is a party. The agency rows are read FOR SHARE, as in V92: a concurrent move waits for the
-- notice's transaction (and then sees its rows), or the notice waits for the move and reads the new paths.
-- Cost per notice: one statement-level trigger on incident and one on incident_recipient, about 5-7 rows here
-- (distinct ancestors of the parties: root, province or ministry, the owner's unit, the IR unit, the national
-- coordinator, a hosting provider) with two index entries each.
CREATE TABLE incident_agency (
    ancestor_id UUID NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL,
    incident_id UUID NOT NULL
);

-- The rows incident_agency must hold for the given cases.
CREATE FUNCTION incident_agency_rows(ids UUID[])
    RETURNS TABLE (ancestor_id UUID, reported_at TIMESTAMPTZ, incident_id UUID) LANGUAGE sql STABLE AS $$
    SELECT DISTINCT anc::uuid, p.reported_at, p.id
    FROM (SELECT i.id, i.reported_at, x.agency_id
          FROM incident i CROSS JOIN LATERAL unnest(ARRAY[i.reporter_agency_id, i.owner_id, i.operator_id]) x(agency_id)
          WHERE i.id = ANY (ids)
          UNION
          SELECT i.id, i.reported_at, r.agency_id
          FROM incident_recipient r JOIN incident i ON i.id = r.incident_id
          WHERE r.incident_id = ANY (ids)) p
    JOIN agency a ON a.id = p.agency_id
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) anc
$$;

CREATE FUNCTION incident_agency_refresh(ids UUID[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM incident_agency WHERE incident_id = ANY (ids);
    INSERT INTO incident_agency (ancestor_id, reported_at, incident_id)
    SELECT r.ancestor_id, r.reported_at, r.incident_id FROM incident_agency_rows(ids) r
    ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION incident_agency_on_incident_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM agency a
    WHERE a.id IN (SELECT x.agency_id FROM new_incidents n
                   CROSS JOIN LATERAL unnest(ARRAY[n.reporter_agency_id, n.owner_id, n.operator_id]) x(agency_id))
    FOR SHARE;
    INSERT INTO incident_agency (ancestor_id, reported_at, incident_id)
    SELECT DISTINCT anc::uuid, n.reported_at, n.id
    FROM new_incidents n
    CROSS JOIN LATERAL unnest(ARRAY[n.reporter_agency_id, n.owner_id, n.operator_id]) x(agency_id)
    JOIN agency a ON a.id = x.agency_id
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) anc
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION incident_agency_on_recipient_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM agency a WHERE a.id IN (SELECT n.agency_id FROM new_recipients n) FOR SHARE;
    INSERT INTO incident_agency (ancestor_id, reported_at, incident_id)
    SELECT DISTINCT anc::uuid, i.reported_at, i.id
    FROM new_recipients n JOIN incident i ON i.id = n.incident_id
    JOIN agency a ON a.id = n.agency_id
    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) anc
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- Rare changes (a party or the report time of a case, a recipient replaced or removed, a case removed): recompute.
CREATE FUNCTION incident_agency_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'incident' THEN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM incident_agency WHERE incident_id = OLD.id;
        ELSE
            PERFORM incident_agency_refresh(ARRAY[NEW.id]);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM incident_agency_refresh(ARRAY[OLD.incident_id]);
    ELSE
        PERFORM incident_agency_refresh(ARRAY[OLD.incident_id, NEW.incident_id]);
    END IF;
    RETURN NULL;
END $$;

-- A subtree move: every case in which an agency whose path changed is a party is recomputed once.
CREATE FUNCTION incident_agency_on_agency_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved UUID[];
BEGIN
    SELECT array_agg(n.id) INTO moved
    FROM new_agencies n JOIN old_agencies o ON o.id = n.id WHERE o.path IS DISTINCT FROM n.path;
    IF moved IS NOT NULL THEN
        PERFORM incident_agency_refresh(ARRAY(
            SELECT id FROM incident WHERE reporter_agency_id = ANY (moved)
            UNION SELECT id FROM incident WHERE owner_id = ANY (moved)
            UNION SELECT id FROM incident WHERE operator_id = ANY (moved)
            UNION SELECT incident_id FROM incident_recipient WHERE agency_id = ANY (moved)));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER incident_agency_insert AFTER INSERT ON incident REFERENCING NEW TABLE AS new_incidents
    FOR EACH STATEMENT EXECUTE FUNCTION incident_agency_on_incident_insert();
CREATE TRIGGER incident_agency_change AFTER UPDATE OF reporter_agency_id, owner_id, operator_id, reported_at
    ON incident FOR EACH ROW
    WHEN (OLD.reporter_agency_id IS DISTINCT FROM NEW.reporter_agency_id OR OLD.owner_id IS DISTINCT FROM NEW.owner_id
          OR OLD.operator_id IS DISTINCT FROM NEW.operator_id OR OLD.reported_at IS DISTINCT FROM NEW.reported_at)
    EXECUTE FUNCTION incident_agency_on_change();
CREATE TRIGGER incident_agency_delete AFTER DELETE ON incident FOR EACH ROW
    EXECUTE FUNCTION incident_agency_on_change();
CREATE TRIGGER incident_agency_recipient_insert AFTER INSERT ON incident_recipient
    REFERENCING NEW TABLE AS new_recipients
    FOR EACH STATEMENT EXECUTE FUNCTION incident_agency_on_recipient_insert();
CREATE TRIGGER incident_agency_recipient_change AFTER UPDATE OF incident_id, agency_id ON incident_recipient
    FOR EACH ROW WHEN (OLD.incident_id IS DISTINCT FROM NEW.incident_id OR OLD.agency_id IS DISTINCT FROM NEW.agency_id)
    EXECUTE FUNCTION incident_agency_on_change();
CREATE TRIGGER incident_agency_recipient_delete AFTER DELETE ON incident_recipient FOR EACH ROW
    EXECUTE FUNCTION incident_agency_on_change();
CREATE TRIGGER incident_agency_agency_move AFTER UPDATE ON agency
    REFERENCING OLD TABLE AS old_agencies NEW TABLE AS new_agencies
    FOR EACH STATEMENT EXECUTE FUNCTION incident_agency_on_agency_move();

SET LOCAL work_mem = '256MB';
INSERT INTO incident_agency (ancestor_id, reported_at, incident_id)
SELECT DISTINCT anc::uuid, p.reported_at, p.id
FROM (SELECT i.id, i.reported_at, x.agency_id
      FROM incident i CROSS JOIN LATERAL unnest(ARRAY[i.reporter_agency_id, i.owner_id, i.operator_id]) x(agency_id)
      UNION
      SELECT i.id, i.reported_at, r.agency_id FROM incident_recipient r JOIN incident i ON i.id = r.incident_id) p
JOIN agency a ON a.id = p.agency_id
CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) anc;

-- The indexes after the backfill (faster than maintaining them row by row over an existing million incidents).
-- In the list's order (reported_at DESC, id): "newest first in a subtree" reads the first entries and stops.
CREATE UNIQUE INDEX incident_agency_key ON incident_agency (ancestor_id, reported_at DESC, incident_id);
CREATE INDEX incident_agency_incident_idx ON incident_agency (incident_id);
