-- Entries are recorded with the change they describe and join the hash chain right after it commits, in batches.
--
-- audit_append (V2) serialises appenders with a transaction-scoped lock: the next entry's hash covers this one's,
-- so no other writer may read the chain's head until this transaction ends. Called in the middle of a business
-- transaction, it held that lock across the application's later work and round trips and across the commit's
-- flush of the WAL to disk: every audited change in the platform committed one after another (issue 4: 4 ms of
-- lock wait per incident notice, and no two notices' commits sharing a disk flush).
--
-- Now a transaction writes its entries to audit_pending, which commits (or rolls back) with the change. After the
-- commit, audit_chain_pending() moves every committed pending entry into the chain, oldest first, in a short
-- transaction of its own: one lock and one disk flush for all the entries that committed meanwhile. AuditLog runs it
-- after each commit that recorded an entry, and a sweep runs it periodically for entries whose chaining was cut
-- short (a crash between the two commits), so no entry stays outside the chain.
CREATE TABLE audit_pending (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   TIMESTAMPTZ NOT NULL,
    actor_user_id UUID,
    actor_name    TEXT NOT NULL,
    agency_id     UUID,
    action        VARCHAR(80) NOT NULL,
    target_type   VARCHAR(60),
    target_id     TEXT,
    outcome       VARCHAR(16) NOT NULL,
    source_ip     VARCHAR(64),
    details       JSONB NOT NULL DEFAULT '{}'::jsonb
);

-- A pending entry cannot be edited: what is chained is what was recorded.
CREATE FUNCTION audit_pending_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_pending entries cannot be changed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_pending_is_immutable();

-- Chains up to p_limit committed pending entries in the order they were recorded and removes them from
-- audit_pending; returns how many. Takes the chain's lock first, so concurrent callers chain one batch after another
-- and a caller that waited finds its entries already chained.
CREATE FUNCTION audit_chain_pending(p_limit INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    r    audit_pending;
    done BIGINT[] := '{}';
BEGIN
    -- audit_append's lock (V2), taken before the pending entries are read: two runs never read the same entries
    PERFORM pg_advisory_xact_lock(8606201586);
    FOR r IN SELECT * FROM audit_pending ORDER BY id LIMIT p_limit LOOP
        PERFORM audit_append(r.occurred_at, r.actor_user_id, r.actor_name, r.agency_id, r.action, r.target_type,
                             r.target_id, r.outcome, r.source_ip, r.details);
        done := done || r.id;
    END LOOP;
    DELETE FROM audit_pending WHERE id = ANY (done);
    RETURN cardinality(done);
END;
$$;
