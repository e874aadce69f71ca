-- Coordination orders (Circular 20/2017 Art 8.2, Form 06): the national coordinator orders named agencies to act on
-- an incident; each addressee acknowledges and reports completion. States per addressee: ISSUED, ACKNOWLEDGED, DONE.
CREATE TABLE incident_order (
    id               UUID PRIMARY KEY,
    incident_id      UUID NOT NULL REFERENCES incident (id),
    content          TEXT NOT NULL,
    required_actions TEXT NOT NULL,
    due_at           TIMESTAMPTZ NOT NULL,
    issued_at        TIMESTAMPTZ NOT NULL,
    issued_by        TEXT NOT NULL,
    issuer_agency_id UUID REFERENCES agency (id)
);
CREATE INDEX incident_order_incident_idx ON incident_order (incident_id, issued_at);

CREATE TABLE incident_order_addressee (
    order_id         UUID NOT NULL REFERENCES incident_order (id),
    incident_id      UUID NOT NULL REFERENCES incident (id),
    agency_id        UUID NOT NULL REFERENCES agency (id),
    state            VARCHAR(16) NOT NULL,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  TEXT,
    completed_at     TIMESTAMPTZ,
    completed_by     TEXT,
    completion_note  TEXT,
    PRIMARY KEY (order_id, agency_id)
);
CREATE INDEX incident_order_addressee_incident_idx ON incident_order_addressee (incident_id, agency_id);
