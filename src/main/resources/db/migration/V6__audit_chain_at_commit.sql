-- Entries join the hash chain when their transaction commits, not when they are recorded.
--
-- audit_append (V2) serialises appenders with a transaction-scoped lock: the next entry's hash covers this one's,
-- so no other writer may read the chain's head until this transaction ends. Called as a statement in the middle of
-- a transaction, it held that lock across every later round trip to the application and the application's own
-- work until COMMIT arrived; on a busy machine a descheduled holder stalled every other writer (issue 4: 4 ms of
-- lock wait per incident notice). Now an entry is written to audit_pending, and a deferred constraint trigger
-- appends it to the chain while PostgreSQL commits: the lock is held from that moment to the end of the commit,
-- inside the server. A change and its audit entry still commit or roll back together, and an entry can never be
-- committed outside the chain: the trigger deletes the pending row in the same transaction, so audit_pending is
-- empty outside transactions in flight. UNLOGGED, as no committed row ever stays in it.
CREATE UNLOGGED TABLE audit_pending (
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

CREATE FUNCTION audit_pending_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM audit_append(NEW.occurred_at, NEW.actor_user_id, NEW.actor_name, NEW.agency_id, NEW.action,
                         NEW.target_type, NEW.target_id, NEW.outcome, NEW.source_ip, NEW.details);
    DELETE FROM audit_pending WHERE id = NEW.id;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER audit_pending_append AFTER INSERT ON audit_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_pending_append();

-- Updating a pending entry would forge what the chain records; only the trigger's own DELETE may remove one.
CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
