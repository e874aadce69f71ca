-- Coverage dashboard (issue 3 §5): baselines and their compliance counters summed per owner agency, kept exact by a
-- trigger on control_baseline (whose per-system counters ComplianceCounters keeps exact). The dashboard sums one row
-- per agency of the subtree instead of one per baseline. Per owner, so agency moves and closures need no upkeep.
CREATE TABLE control_baseline_owner_count (
    owner_agency_id UUID PRIMARY KEY,
    baselines       BIGINT NOT NULL DEFAULT 0 CHECK (baselines >= 0),
    applicable      BIGINT NOT NULL DEFAULT 0,
    compliant       BIGINT NOT NULL DEFAULT 0,
    fully_compliant BIGINT NOT NULL DEFAULT 0,
    stale           BIGINT NOT NULL DEFAULT 0
);

CREATE FUNCTION control_baseline_owner_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE control_baseline_owner_count
           SET baselines = baselines - 1,
               applicable = applicable - OLD.applicable_count,
               compliant = compliant - OLD.compliant_count,
               fully_compliant = fully_compliant
                   - (OLD.applicable_count > 0 AND OLD.compliant_count = OLD.applicable_count)::int,
               stale = stale - OLD.stale_count
         WHERE owner_agency_id = OLD.owner_agency_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO control_baseline_owner_count AS c (owner_agency_id, baselines, applicable, compliant, fully_compliant, stale)
        VALUES (NEW.owner_agency_id, 1, NEW.applicable_count, NEW.compliant_count,
                (NEW.applicable_count > 0 AND NEW.compliant_count = NEW.applicable_count)::int, NEW.stale_count)
        ON CONFLICT (owner_agency_id) DO UPDATE
            SET baselines = c.baselines + 1, applicable = c.applicable + excluded.applicable,
                compliant = c.compliant + excluded.compliant, fully_compliant = c.fully_compliant + excluded.fully_compliant,
                stale = c.stale + excluded.stale;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER control_baseline_owner_count_ins_del AFTER INSERT OR DELETE ON control_baseline
    FOR EACH ROW EXECUTE FUNCTION control_baseline_owner_count_apply();
CREATE TRIGGER control_baseline_owner_count_upd
    AFTER UPDATE OF owner_agency_id, applicable_count, compliant_count, stale_count ON control_baseline
    FOR EACH ROW WHEN (OLD.owner_agency_id IS DISTINCT FROM NEW.owner_agency_id
                       OR OLD.applicable_count IS DISTINCT FROM NEW.applicable_count
                       OR OLD.compliant_count IS DISTINCT FROM NEW.compliant_count
                       OR OLD.stale_count IS DISTINCT FROM NEW.stale_count)
    EXECUTE FUNCTION control_baseline_owner_count_apply();

INSERT INTO control_baseline_owner_count (owner_agency_id, baselines, applicable, compliant, fully_compliant, stale)
SELECT owner_agency_id, count(*), sum(applicable_count), sum(compliant_count),
       count(*) FILTER (WHERE applicable_count > 0 AND compliant_count = applicable_count), sum(stale_count)
FROM control_baseline GROUP BY owner_agency_id;
