-- Lead of a case and its hand-overs/escalations (issue 4 §3; Decision 05/2017 Art 6, 7.3, 11-14; Circular 20/2017
-- Art 11). The lead is the agency that runs the case: at intake the IR unit serving the owner's ministry or province
-- (QD05 Art 6) when there is one, otherwise the national coordinator (Art 7.3). An accepted hand-over or escalation
-- moves the lead; the lineage is the ordered list of requests of a case (seq), append-only except for the decision
-- of a PENDING one.
ALTER TABLE incident ADD COLUMN lead_agency_id UUID REFERENCES agency (id);

UPDATE incident i SET lead_agency_id = COALESCE(
    (SELECT r.agency_id FROM incident_recipient r WHERE r.incident_id = i.id AND r.role = 'IR_UNIT' LIMIT 1),
    (SELECT r.agency_id FROM incident_recipient r WHERE r.incident_id = i.id AND r.role = 'NATIONAL_COORDINATOR'
     LIMIT 1));

CREATE INDEX incident_lead_agency_idx ON incident (lead_agency_id);

CREATE TABLE incident_handover (
    id                UUID PRIMARY KEY,
    incident_id       UUID NOT NULL REFERENCES incident (id),
    seq               INT NOT NULL,
    kind              VARCHAR(16) NOT NULL CHECK (kind IN ('HANDOVER', 'ESCALATION')),
    from_agency_id    UUID NOT NULL REFERENCES agency (id),
    to_agency_id      UUID NOT NULL REFERENCES agency (id),
    reason            TEXT NOT NULL CHECK (length(btrim(reason)) > 0),
    requested_by      TEXT NOT NULL,
    requested_by_user UUID,
    requested_at      TIMESTAMPTZ NOT NULL,
    status            VARCHAR(16) NOT NULL DEFAULT 'PENDING'
                      CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
    decided_by        TEXT,
    decided_at        TIMESTAMPTZ,
    decision_note     TEXT,
    CONSTRAINT incident_handover_seq UNIQUE (incident_id, seq),
    CONSTRAINT incident_handover_not_self CHECK (from_agency_id <> to_agency_id),
    CONSTRAINT incident_handover_decided CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    CONSTRAINT incident_handover_decline_note CHECK (status <> 'DECLINED' OR length(btrim(decision_note)) > 0)
);
-- At most one open request per case.
CREATE UNIQUE INDEX incident_handover_one_pending ON incident_handover (incident_id) WHERE status = 'PENDING';
-- The receiving agency's inbox and the visibility rule (receiving agency of a pending or accepted request).
CREATE INDEX incident_handover_to_idx ON incident_handover (to_agency_id, status);

-- Append-only: no DELETE; an UPDATE only decides a PENDING row, touching the decision columns only.
CREATE FUNCTION incident_handover_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'incident_handover is append-only';
    END IF;
    IF OLD.status <> 'PENDING' THEN
        RAISE EXCEPTION 'incident_handover %: only a PENDING request may be decided', OLD.id;
    END IF;
    IF NEW.id <> OLD.id OR NEW.incident_id <> OLD.incident_id OR NEW.seq <> OLD.seq OR NEW.kind <> OLD.kind
        OR NEW.from_agency_id <> OLD.from_agency_id OR NEW.to_agency_id <> OLD.to_agency_id
        OR NEW.reason <> OLD.reason OR NEW.requested_by <> OLD.requested_by
        OR NEW.requested_by_user IS DISTINCT FROM OLD.requested_by_user OR NEW.requested_at <> OLD.requested_at THEN
        RAISE EXCEPTION 'incident_handover %: only the decision columns may change', OLD.id;
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER incident_handover_append_only BEFORE UPDATE OR DELETE ON incident_handover
    FOR EACH ROW EXECUTE FUNCTION incident_handover_guard();
