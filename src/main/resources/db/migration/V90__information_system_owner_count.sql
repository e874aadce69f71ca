-- Coverage dashboard (issue 3 §5): operating systems and those with an approved level, per owner agency, kept exact
-- by a trigger on every insert, delete and relevant update of information_system. The dashboard then sums one row
-- per agency of the subtree (at most ~10,000 for the national root) instead of reading 100,000 systems. Counts are
-- per owner, not per subtree, so moving or closing an agency needs no maintenance: the subtree is read by path.
CREATE TABLE information_system_owner_count (
    owner_id           UUID PRIMARY KEY,
    operating          BIGINT NOT NULL DEFAULT 0 CHECK (operating >= 0),
    operating_approved BIGINT NOT NULL DEFAULT 0 CHECK (operating_approved >= 0 AND operating_approved <= operating)
);

CREATE FUNCTION information_system_owner_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.lifecycle = 'OPERATING' THEN
        UPDATE information_system_owner_count
           SET operating = operating - 1,
               operating_approved = operating_approved - (OLD.approved_level IS NOT NULL)::int
         WHERE owner_id = OLD.owner_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.lifecycle = 'OPERATING' THEN
        INSERT INTO information_system_owner_count AS c (owner_id, operating, operating_approved)
        VALUES (NEW.owner_id, 1, (NEW.approved_level IS NOT NULL)::int)
        ON CONFLICT (owner_id) DO UPDATE
            SET operating = c.operating + 1, operating_approved = c.operating_approved + excluded.operating_approved;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER information_system_owner_count_ins_del AFTER INSERT OR DELETE ON information_system
    FOR EACH ROW EXECUTE FUNCTION information_system_owner_count_apply();
CREATE TRIGGER information_system_owner_count_upd AFTER UPDATE OF owner_id, lifecycle, approved_level ON information_system
    FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.lifecycle IS DISTINCT FROM NEW.lifecycle
                       OR (OLD.approved_level IS NULL) <> (NEW.approved_level IS NULL))
    EXECUTE FUNCTION information_system_owner_count_apply();

INSERT INTO information_system_owner_count (owner_id, operating, operating_approved)
SELECT owner_id, count(*), count(approved_level) FROM information_system WHERE lifecycle = 'OPERATING' GROUP BY owner_id;
