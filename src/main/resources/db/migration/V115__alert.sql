-- Machine intake of SOC alerts (issue 4 §3). An alert is keyed by the ingesting agency, its source and the source's
-- own reference: a repeated key updates the row (last seen, count, changed fields) through INSERT ... ON CONFLICT, so
-- concurrent posts of the same alert never duplicate it. An analyst promotes it to an incident (through the notice
-- path), merges it into an existing incident, or dismisses it with a reason.
CREATE TABLE alert (
    id              UUID PRIMARY KEY,
    agency_id       UUID NOT NULL REFERENCES agency (id),
    source          VARCHAR(100) NOT NULL,
    source_ref      VARCHAR(200) NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT,
    severity_hint   VARCHAR(16),
    detected_at     TIMESTAMPTZ NOT NULL,
    system_id       UUID REFERENCES information_system (id),
    affected_asset  TEXT,
    observables     JSONB NOT NULL DEFAULT '[]',
    raw             JSONB,
    status          VARCHAR(16) NOT NULL DEFAULT 'NEW',
    first_seen_at   TIMESTAMPTZ NOT NULL,
    last_seen_at    TIMESTAMPTZ NOT NULL,
    seen_count      INT NOT NULL DEFAULT 1,
    changed_fields  VARCHAR(32)[] NOT NULL DEFAULT '{}',
    incident_id     UUID REFERENCES incident (id),
    handled_by      TEXT,
    handled_at      TIMESTAMPTZ,
    dismissal_reason TEXT,
    version         INT NOT NULL DEFAULT 0,
    CONSTRAINT alert_key UNIQUE (agency_id, source, source_ref),
    CONSTRAINT alert_status CHECK (status IN ('NEW', 'PROMOTED', 'MERGED', 'DISMISSED'))
);
CREATE INDEX alert_list_idx ON alert (status, last_seen_at DESC);
CREATE INDEX alert_incident_idx ON alert (incident_id) WHERE incident_id IS NOT NULL;
