-- Coverage dashboard (issue 3 §5, national root p95 < 150 ms): the per-owner counts of V90 and V91 summed per
-- subtree. A row per agency holds the totals of every owner in its subtree (itself included). Kept exact by triggers:
-- every change to an owner's counts adds the difference to the owner and all its ancestors (the ids of its
-- materialised path), and a change of an agency's path (a subtree move updates the path of every agency of the
-- subtree) takes that agency's own per-owner counts off its old ancestors and adds them to the new ones. The
-- dashboard then reads the root's direct children (~56 rows for the country) instead of the 10,000 agencies.
CREATE TABLE information_system_subtree_count (
    agency_id          UUID PRIMARY KEY,
    operating          BIGINT NOT NULL DEFAULT 0 CHECK (operating >= 0),
    operating_approved BIGINT NOT NULL DEFAULT 0 CHECK (operating_approved >= 0 AND operating_approved <= operating)
);

CREATE TABLE control_baseline_subtree_count (
    agency_id       UUID PRIMARY KEY,
    baselines       BIGINT NOT NULL DEFAULT 0 CHECK (baselines >= 0),
    applicable      BIGINT NOT NULL DEFAULT 0,
    compliant       BIGINT NOT NULL DEFAULT 0,
    fully_compliant BIGINT NOT NULL DEFAULT 0,
    stale           BIGINT NOT NULL DEFAULT 0
);

-- Adds the given amounts to every agency of the path ('/a/b/c/' -> a, b, c). Existing rows are updated first: an
-- INSERT .. ON CONFLICT checks the CHECK constraints on the proposed row, which a negative difference would fail.
CREATE FUNCTION information_system_subtree_add(p_path TEXT, d_operating BIGINT, d_approved BIGINT)
    RETURNS void LANGUAGE sql AS $$
    UPDATE information_system_subtree_count
       SET operating = operating + d_operating, operating_approved = operating_approved + d_approved
     WHERE agency_id = ANY (string_to_array(trim(BOTH '/' FROM p_path), '/')::uuid[]);
    INSERT INTO information_system_subtree_count AS s (agency_id, operating, operating_approved)
    SELECT anc, d_operating, d_approved FROM unnest(string_to_array(trim(BOTH '/' FROM p_path), '/')::uuid[]) AS anc
    WHERE NOT EXISTS (SELECT 1 FROM information_system_subtree_count e WHERE e.agency_id = anc)
    ON CONFLICT (agency_id) DO UPDATE
        SET operating = s.operating + excluded.operating,
            operating_approved = s.operating_approved + excluded.operating_approved
$$;

CREATE FUNCTION control_baseline_subtree_add(p_path TEXT, d_baselines BIGINT, d_applicable BIGINT, d_compliant BIGINT,
                                             d_fully BIGINT, d_stale BIGINT)
    RETURNS void LANGUAGE sql AS $$
    UPDATE control_baseline_subtree_count
       SET baselines = baselines + d_baselines, applicable = applicable + d_applicable,
           compliant = compliant + d_compliant, fully_compliant = fully_compliant + d_fully, stale = stale + d_stale
     WHERE agency_id = ANY (string_to_array(trim(BOTH '/' FROM p_path), '/')::uuid[]);
    INSERT INTO control_baseline_subtree_count AS s (agency_id, baselines, applicable, compliant, fully_compliant, stale)
    SELECT anc, d_baselines, d_applicable, d_compliant, d_fully, d_stale
    FROM unnest(string_to_array(trim(BOTH '/' FROM p_path), '/')::uuid[]) AS anc
    WHERE NOT EXISTS (SELECT 1 FROM control_baseline_subtree_count e WHERE e.agency_id = anc)
    ON CONFLICT (agency_id) DO UPDATE
        SET baselines = s.baselines + excluded.baselines, applicable = s.applicable + excluded.applicable,
            compliant = s.compliant + excluded.compliant, fully_compliant = s.fully_compliant + excluded.fully_compliant,
            stale = s.stale + excluded.stale
$$;

-- A change of an owner's counts: the difference goes to the owner and its ancestors (owner ids never change).
-- The owner's path is read FOR SHARE: a concurrent subtree move (an UPDATE of the path) then waits for this
-- transaction, and its trigger sees these counts, or this one waits for the move and reads the new path.
CREATE FUNCTION information_system_subtree_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner UUID;
BEGIN
    IF TG_OP = 'INSERT' THEN
        owner := NEW.owner_id;
        PERFORM information_system_subtree_add((SELECT path FROM agency WHERE id = owner FOR SHARE), NEW.operating,
                                               NEW.operating_approved);
    ELSIF TG_OP = 'UPDATE' THEN
        owner := NEW.owner_id;
        PERFORM information_system_subtree_add((SELECT path FROM agency WHERE id = owner FOR SHARE),
                                               NEW.operating - OLD.operating,
                                               NEW.operating_approved - OLD.operating_approved);
    ELSE
        owner := OLD.owner_id;
        PERFORM information_system_subtree_add((SELECT path FROM agency WHERE id = owner FOR SHARE), -OLD.operating,
                                               -OLD.operating_approved);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION control_baseline_subtree_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM control_baseline_subtree_add((SELECT path FROM agency WHERE id = NEW.owner_agency_id FOR SHARE),
            NEW.baselines, NEW.applicable, NEW.compliant, NEW.fully_compliant, NEW.stale);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM control_baseline_subtree_add((SELECT path FROM agency WHERE id = NEW.owner_agency_id FOR SHARE),
            NEW.baselines - OLD.baselines, NEW.applicable - OLD.applicable, NEW.compliant - OLD.compliant,
            NEW.fully_compliant - OLD.fully_compliant, NEW.stale - OLD.stale);
    ELSE
        PERFORM control_baseline_subtree_add((SELECT path FROM agency WHERE id = OLD.owner_agency_id FOR SHARE),
            -OLD.baselines, -OLD.applicable, -OLD.compliant, -OLD.fully_compliant, -OLD.stale);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER information_system_subtree_count_apply AFTER INSERT OR UPDATE OR DELETE ON information_system_owner_count
    FOR EACH ROW EXECUTE FUNCTION information_system_subtree_apply();
CREATE TRIGGER control_baseline_subtree_count_apply AFTER INSERT OR UPDATE OR DELETE ON control_baseline_owner_count
    FOR EACH ROW EXECUTE FUNCTION control_baseline_subtree_apply();

-- An agency whose path changes takes its own per-owner counts from its old ancestors to its new ones. A subtree move
-- changes the path of every agency of the subtree, so each moves its own counts and the totals stay exact.
CREATE FUNCTION agency_subtree_count_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s information_system_owner_count%ROWTYPE;
    b control_baseline_owner_count%ROWTYPE;
BEGIN
    SELECT * INTO s FROM information_system_owner_count WHERE owner_id = NEW.id;
    IF FOUND THEN
        PERFORM information_system_subtree_add(OLD.path, -s.operating, -s.operating_approved);
        PERFORM information_system_subtree_add(NEW.path, s.operating, s.operating_approved);
    END IF;
    SELECT * INTO b FROM control_baseline_owner_count WHERE owner_agency_id = NEW.id;
    IF FOUND THEN
        PERFORM control_baseline_subtree_add(OLD.path, -b.baselines, -b.applicable, -b.compliant, -b.fully_compliant,
                                             -b.stale);
        PERFORM control_baseline_subtree_add(NEW.path, b.baselines, b.applicable, b.compliant, b.fully_compliant,
                                             b.stale);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER agency_subtree_count_move AFTER UPDATE OF path ON agency
    FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION agency_subtree_count_move();

INSERT INTO information_system_subtree_count (agency_id, operating, operating_approved)
SELECT anc::uuid, sum(c.operating), sum(c.operating_approved)
FROM information_system_owner_count c JOIN agency a ON a.id = c.owner_id,
     unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) AS anc
GROUP BY 1;

INSERT INTO control_baseline_subtree_count (agency_id, baselines, applicable, compliant, fully_compliant, stale)
SELECT anc::uuid, sum(b.baselines), sum(b.applicable), sum(b.compliant), sum(b.fully_compliant), sum(b.stale)
FROM control_baseline_owner_count b JOIN agency a ON a.id = b.owner_agency_id,
     unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) AS anc
GROUP BY 1;
