-- The registry's revision, so that the in-memory copy used for search (AgencySnapshots) knows when it is stale.
-- Every statement that changes agency stores a new sequence value in one row, in the same transaction as the change:
-- a reader that sees revision R sees exactly the agencies committed with R. A sequence value is never handed out
-- twice, so a revision written by a transaction that rolls back never matches a later committed state.
CREATE SEQUENCE agency_revision_seq;

CREATE TABLE agency_registry_revision (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    revision  BIGINT NOT NULL
);
INSERT INTO agency_registry_revision (revision) VALUES (nextval('agency_revision_seq'));

CREATE FUNCTION agency_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE agency_registry_revision SET revision = nextval('agency_revision_seq');
    RETURN NULL;
END
$$;

CREATE TRIGGER agency_registry_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency
    FOR EACH STATEMENT EXECUTE FUNCTION agency_registry_changed();
