-- Incident tasks (issue 4 §3 "tasks with owners"): the working to-do list of the people handling a case, each with an
-- owner agency (and optionally a user of that agency's subtree), an optional due time and a status. A task may
-- implement a coordination order (incident_order, Form 06). DONE and CANCELLED are final; version guards against
-- lost updates (optimistic locking).
CREATE TABLE incident_task (
    id                   UUID PRIMARY KEY,
    incident_id          UUID NOT NULL REFERENCES incident (id),
    title                VARCHAR(300) NOT NULL,
    description          TEXT,
    owner_agency_id      UUID NOT NULL REFERENCES agency (id),
    owner_user_id        UUID REFERENCES app_user (id) ON DELETE SET NULL,
    order_id             UUID REFERENCES incident_order (id),
    due_at               TIMESTAMPTZ,
    status               VARCHAR(16) NOT NULL DEFAULT 'OPEN'
                         CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    created_at           TIMESTAMPTZ NOT NULL,
    created_by           TEXT NOT NULL,
    created_by_user      UUID,
    created_by_agency_id UUID REFERENCES agency (id),
    started_at           TIMESTAMPTZ,
    started_by           TEXT,
    completed_at         TIMESTAMPTZ,
    completed_by         TEXT,
    result_note          TEXT,
    cancelled_at         TIMESTAMPTZ,
    cancelled_by         TEXT,
    cancel_reason        TEXT,
    version              INT NOT NULL DEFAULT 0,
    CONSTRAINT incident_task_done_has_result CHECK (status <> 'DONE' OR (completed_at IS NOT NULL AND result_note IS NOT NULL)),
    CONSTRAINT incident_task_cancelled_has_reason CHECK (status <> 'CANCELLED' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))
);
CREATE INDEX incident_task_incident_idx ON incident_task (incident_id, created_at);
CREATE INDEX incident_task_open_owner_idx ON incident_task (owner_agency_id, due_at) WHERE status IN ('OPEN', 'IN_PROGRESS');
