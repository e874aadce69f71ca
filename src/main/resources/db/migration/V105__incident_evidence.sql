-- Evidence files of an incident with their chain of custody (issue 4 §3; TT20 Art 11: collect and keep evidence).
-- The bytes live outside the web root under attt.storage.directory/evidence with a random storage key. Both tables
-- are append-only (a trigger refuses UPDATE and DELETE); each custody entry carries the hash of the previous entry
-- of the same evidence, so an altered or removed entry breaks the chain.
CREATE TABLE incident_evidence (
    id                  UUID PRIMARY KEY,
    incident_id         UUID NOT NULL REFERENCES incident (id),
    file_name           TEXT NOT NULL,
    declared_type       TEXT,
    size_bytes          BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256              CHAR(64) NOT NULL,
    storage_key         UUID NOT NULL UNIQUE,
    description         TEXT NOT NULL,
    collection_method   TEXT NOT NULL,
    collection_location TEXT,
    collected_at        TIMESTAMPTZ NOT NULL,
    tlp                 VARCHAR(16) NOT NULL,
    uploaded_by         TEXT NOT NULL,
    uploaded_by_user    UUID,
    uploader_agency_id  UUID REFERENCES agency (id),
    uploaded_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX incident_evidence_incident_idx ON incident_evidence (incident_id, uploaded_at);

CREATE TABLE incident_evidence_custody (
    evidence_id  UUID NOT NULL REFERENCES incident_evidence (id),
    n            INT NOT NULL CHECK (n >= 1),
    at           TIMESTAMPTZ NOT NULL,
    action       VARCHAR(16) NOT NULL,
    actor        TEXT NOT NULL,
    actor_user   UUID,
    actor_agency UUID REFERENCES agency (id),
    result       VARCHAR(16),
    to_agency_id UUID REFERENCES agency (id),
    to_person    TEXT,
    note         TEXT,
    prev_hash    CHAR(64) NOT NULL,
    entry_hash   CHAR(64) NOT NULL,
    PRIMARY KEY (evidence_id, n)
);

CREATE FUNCTION incident_evidence_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER incident_evidence_no_change BEFORE UPDATE OR DELETE ON incident_evidence
    FOR EACH ROW EXECUTE FUNCTION incident_evidence_immutable();
CREATE TRIGGER incident_evidence_custody_no_change BEFORE UPDATE OR DELETE ON incident_evidence_custody
    FOR EACH ROW EXECUTE FUNCTION incident_evidence_immutable();
