-- Coverage dashboard (issue 3 §5, national root p95 < 150 ms): open periodic assessments counted per ancestor and due
-- date. Whether an assessment is overdue or due soon depends on today's date, so the counts are kept per due date and
-- the dashboard sums the dates up to the due-soon horizon for the root's direct children (instead of joining the
-- 10,000 agencies of the country to their assessments). A row (agency, due date) holds how many open assessments
-- (not completed, not cancelled) of its whole subtree (itself included) fall due on that date. Kept exact by
-- triggers like V92: a change of an assessment adds the difference to its agency and all ancestors, and a change of
-- an agency's path (a subtree move changes the path of every agency of the subtree) takes that agency's own open
-- assessments off its old ancestors and adds them to the new ones.
CREATE TABLE control_assessment_subtree_due (
    agency_id UUID NOT NULL,
    due_on    DATE NOT NULL,
    open      BIGINT NOT NULL CHECK (open >= 0),
    PRIMARY KEY (agency_id, due_on)
);

CREATE FUNCTION control_assessment_subtree_add(p_path TEXT, p_due DATE, d_open BIGINT)
    RETURNS void LANGUAGE sql AS $$
    UPDATE control_assessment_subtree_due SET open = open + d_open
     WHERE agency_id = ANY (string_to_array(trim(BOTH '/' FROM p_path), '/')::uuid[]) AND due_on = p_due;
    INSERT INTO control_assessment_subtree_due AS s (agency_id, due_on, open)
    SELECT anc, p_due, d_open FROM unnest(string_to_array(trim(BOTH '/' FROM p_path), '/')::uuid[]) AS anc
    WHERE NOT EXISTS (SELECT 1 FROM control_assessment_subtree_due e WHERE e.agency_id = anc AND e.due_on = p_due)
    ON CONFLICT (agency_id, due_on) DO UPDATE SET open = s.open + excluded.open;
    DELETE FROM control_assessment_subtree_due
     WHERE agency_id = ANY (string_to_array(trim(BOTH '/' FROM p_path), '/')::uuid[]) AND due_on = p_due AND open = 0
$$;

-- The agency's path is read FOR SHARE so that a concurrent subtree move and this change serialise (see V92).
CREATE FUNCTION control_assessment_subtree_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.completed_on IS NULL AND OLD.cancelled_at IS NULL THEN
        PERFORM control_assessment_subtree_add((SELECT path FROM agency WHERE id = OLD.agency_id FOR SHARE),
                                               OLD.due_on, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.completed_on IS NULL AND NEW.cancelled_at IS NULL THEN
        PERFORM control_assessment_subtree_add((SELECT path FROM agency WHERE id = NEW.agency_id FOR SHARE),
                                               NEW.due_on, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER control_assessment_subtree_due_apply
    AFTER INSERT OR DELETE OR UPDATE OF agency_id, due_on, completed_on, cancelled_at ON control_assessment
    FOR EACH ROW EXECUTE FUNCTION control_assessment_subtree_apply();

CREATE FUNCTION agency_assessment_due_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r RECORD;
BEGIN
    FOR r IN SELECT due_on, count(*) AS n FROM control_assessment
             WHERE agency_id = NEW.id AND completed_on IS NULL AND cancelled_at IS NULL GROUP BY due_on LOOP
        PERFORM control_assessment_subtree_add(OLD.path, r.due_on, -r.n);
        PERFORM control_assessment_subtree_add(NEW.path, r.due_on, r.n);
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER agency_assessment_due_move AFTER UPDATE OF path ON agency
    FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION agency_assessment_due_move();

INSERT INTO control_assessment_subtree_due (agency_id, due_on, open)
SELECT anc::uuid, t.due_on, count(*)
FROM control_assessment t JOIN agency a ON a.id = t.agency_id,
     unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) AS anc
WHERE t.completed_on IS NULL AND t.cancelled_at IS NULL
GROUP BY 1, 2;
