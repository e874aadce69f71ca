-- Incidents (Circular 20/2017 Art 9-11, Decision 05/2017 Art 9-14). A notice is one row of incident; the recipients
-- the regime names (QD05 11.5) are fixed at intake; statutory clocks are rows of incident_deadline; the timeline is
-- append-only (a trigger refuses UPDATE and DELETE); reports are versioned per type.
CREATE TABLE incident_reference_counter (
    year  INT PRIMARY KEY,
    last  BIGINT NOT NULL
);

CREATE TABLE incident (
    id                  UUID PRIMARY KEY,
    reference           VARCHAR(32) NOT NULL UNIQUE,
    title               TEXT NOT NULL,
    description         TEXT NOT NULL,
    system_id           UUID REFERENCES information_system (id),
    affected_asset      TEXT,
    owner_id            UUID REFERENCES agency (id),
    operator_id         UUID REFERENCES agency (id),
    reporter_agency_id  UUID NOT NULL REFERENCES agency (id),
    reporter_user_id    UUID,
    reporter_name       TEXT NOT NULL,
    reporter_title      TEXT,
    reporter_phone      TEXT,
    reporter_email      TEXT,
    detected_at         TIMESTAMPTZ NOT NULL,
    reported_at         TIMESTAMPTZ NOT NULL,
    category            VARCHAR(96) NOT NULL,
    beyond_capacity     BOOLEAN NOT NULL,
    tlp                 VARCHAR(16) NOT NULL,
    results_so_far      TEXT,
    proposals           TEXT,
    observables         JSONB NOT NULL DEFAULT '[]',
    state               VARCHAR(16) NOT NULL,
    severity            VARCHAR(8),
    proposed_severity   VARCHAR(8) NOT NULL,
    impacts             VARCHAR(32)[] NOT NULL DEFAULT '{}',
    emergency_plan      VARCHAR(16),
    severity_decided_by TEXT,
    severity_decided_at TIMESTAMPTZ,
    severity_reason     TEXT,
    response_ended_at   TIMESTAMPTZ,
    closed_at           TIMESTAMPTZ,
    demo                BOOLEAN NOT NULL DEFAULT FALSE,
    version             INT NOT NULL DEFAULT 0,
    CONSTRAINT incident_target CHECK (system_id IS NOT NULL OR affected_asset IS NOT NULL)
);
CREATE INDEX incident_reported_idx ON incident (reported_at DESC, id);
CREATE INDEX incident_state_idx ON incident (state, severity);

CREATE TABLE incident_recipient (
    incident_id      UUID NOT NULL REFERENCES incident (id),
    agency_id        UUID NOT NULL REFERENCES agency (id),
    role             VARCHAR(24) NOT NULL,
    delivered_at     TIMESTAMPTZ NOT NULL,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  TEXT,
    escalated_to     UUID REFERENCES agency (id),
    escalated_at     TIMESTAMPTZ,
    PRIMARY KEY (incident_id, agency_id, role)
);
CREATE INDEX incident_recipient_agency_idx ON incident_recipient (agency_id);

CREATE TABLE incident_deadline (
    id           UUID PRIMARY KEY,
    incident_id  UUID NOT NULL REFERENCES incident (id),
    kind         VARCHAR(24) NOT NULL,
    agency_id    UUID REFERENCES agency (id),
    due_at       TIMESTAMPTZ NOT NULL,
    satisfied_at TIMESTAMPTZ,
    legal_basis  TEXT NOT NULL
);
CREATE INDEX incident_deadline_incident_idx ON incident_deadline (incident_id);
CREATE INDEX incident_deadline_open_idx ON incident_deadline (due_at) WHERE satisfied_at IS NULL;

CREATE TABLE incident_event (
    id          BIGSERIAL PRIMARY KEY,
    incident_id UUID NOT NULL REFERENCES incident (id),
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT NOT NULL,
    actor_user  UUID,
    kind        VARCHAR(32) NOT NULL,
    from_state  VARCHAR(16),
    to_state    VARCHAR(16),
    comment     TEXT
);
CREATE INDEX incident_event_incident_idx ON incident_event (incident_id, id);

CREATE FUNCTION incident_event_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'incident_event is append-only';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER incident_event_no_change BEFORE UPDATE OR DELETE ON incident_event
    FOR EACH ROW EXECUTE FUNCTION incident_event_immutable();

CREATE TABLE incident_report (
    id             UUID PRIMARY KEY,
    incident_id    UUID NOT NULL REFERENCES incident (id),
    type           VARCHAR(16) NOT NULL,
    version        INT NOT NULL,
    content        JSONB NOT NULL,
    agency_id      UUID NOT NULL REFERENCES agency (id),
    file_id        UUID,
    sha256         VARCHAR(64),
    signer_subject TEXT,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (incident_id, type, version)
);
