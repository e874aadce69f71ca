-- Incident references (SC-<year>-<number>) come from one sequence per year instead of an UPDATE of the
-- incident_reference_counter row, whose row lock every notice held until its transaction committed: that serialised
-- all intake (issue 4 §5). nextval() takes no lock that lasts the transaction. A rolled-back notice leaves a gap in
-- the numbering, as any sequence does (the reference is an identifier, not a register number). The year's sequence is
-- created on its first notice and continues the counter, so numbers already given by the counter are never reused.
-- Runs before V100 on a new database: PL/pgSQL bodies are resolved when first called, not when created.
CREATE FUNCTION incident_next_reference_number(p_year INT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    v_seq TEXT := 'incident_reference_seq_' || p_year;
BEGIN
    IF to_regclass(v_seq) IS NULL THEN
        PERFORM pg_advisory_xact_lock(8606200000 + p_year); -- one lock key per year
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START %s', v_seq,
                           coalesce((SELECT last FROM incident_reference_counter WHERE year = p_year), 0) + 1);
        EXCEPTION WHEN duplicate_table OR unique_violation THEN
            NULL; -- created meanwhile by a concurrent first notice of the year
        END;
    END IF;
    RETURN nextval(v_seq);
END;
$$;
