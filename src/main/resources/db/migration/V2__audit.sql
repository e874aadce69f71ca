-- Append-only, hash-chained audit trail. Each row's hash covers its content and the previous row's hash,
-- so removing or editing any row breaks the chain from that row on. The database itself refuses UPDATE,
-- DELETE and TRUNCATE; even a superuser who disables the trigger cannot forge a chain that verifies.
CREATE TABLE audit_event (
    seq            BIGINT PRIMARY KEY,
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor_user_id  UUID,
    actor_name     TEXT NOT NULL,
    agency_id      UUID,
    action         VARCHAR(80) NOT NULL,
    target_type    VARCHAR(60),
    target_id      TEXT,
    outcome        VARCHAR(16) NOT NULL,
    source_ip      VARCHAR(64),
    details        JSONB NOT NULL DEFAULT '{}'::jsonb,
    prev_hash      CHAR(64) NOT NULL,
    hash           CHAR(64) NOT NULL
);

CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC, seq DESC);
CREATE INDEX audit_event_agency_idx ON audit_event (agency_id, seq DESC);
CREATE INDEX audit_event_target_idx ON audit_event (target_type, target_id);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, seq DESC);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- The hash of one entry: SHA-256 over an unambiguous JSON array of every field and the previous hash.
-- Used both when appending and when verifying, so both sides canonicalise identically.
CREATE FUNCTION audit_event_hash(p_seq BIGINT, p_occurred_at TIMESTAMPTZ, p_actor_user_id UUID, p_actor_name TEXT,
                                 p_agency_id UUID, p_action TEXT, p_target_type TEXT, p_target_id TEXT,
                                 p_outcome TEXT, p_source_ip TEXT, p_details JSONB, p_prev_hash TEXT)
    RETURNS CHAR(64) LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(jsonb_build_array(
        p_seq, to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), p_actor_user_id,
        p_actor_name, p_agency_id, p_action, p_target_type, p_target_id, p_outcome, p_source_ip, p_details,
        p_prev_hash)::text, 'UTF8')), 'hex')
$$;

-- Appends one entry to the chain. The transaction-scoped advisory lock serialises appenders so that the chain
-- never forks; it is released when the caller's transaction ends.
CREATE FUNCTION audit_append(p_occurred_at TIMESTAMPTZ, p_actor_user_id UUID, p_actor_name TEXT, p_agency_id UUID,
                             p_action TEXT, p_target_type TEXT, p_target_id TEXT, p_outcome TEXT,
                             p_source_ip TEXT, p_details JSONB)
    RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    v_seq  BIGINT;
    v_prev CHAR(64);
BEGIN
    PERFORM pg_advisory_xact_lock(8606201586);
    SELECT seq, hash INTO v_seq, v_prev FROM audit_event ORDER BY seq DESC LIMIT 1;
    v_seq := coalesce(v_seq, 0) + 1;
    v_prev := coalesce(v_prev, repeat('0', 64));
    INSERT INTO audit_event (seq, occurred_at, actor_user_id, actor_name, agency_id, action, target_type, target_id,
                             outcome, source_ip, details, prev_hash, hash)
    VALUES (v_seq, p_occurred_at, p_actor_user_id, p_actor_name, p_agency_id, p_action, p_target_type, p_target_id,
            p_outcome, p_source_ip, p_details, v_prev,
            audit_event_hash(v_seq, p_occurred_at, p_actor_user_id, p_actor_name, p_agency_id, p_action,
                             p_target_type, p_target_id, p_outcome, p_source_ip, p_details, v_prev));
    RETURN v_seq;
END;
$$;
