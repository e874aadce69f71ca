-- Durable outbox of the notice fan-out (issue 4 §5): the notice's transaction inserts one row here next to the
-- incident and its recipients; IncidentNoticeOutbox sends the notifications (template, members, contacts,
-- deliveries) after commit and deletes the row in the same transaction as the notifications. A row left behind by a
-- crash is picked up on the next poll; the notification dedup key (incident-notice:<incident>:<agency>) makes a
-- second run harmless. A failing row waits next_attempt_at (exponential back-off) and keeps its last error.
CREATE TABLE incident_notice_outbox (
    incident_id     UUID PRIMARY KEY REFERENCES incident (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT
);
CREATE INDEX incident_notice_outbox_due_idx ON incident_notice_outbox (next_attempt_at);
