-- Notifications: one row per message to an agency (rendered once, in Vietnamese), one delivery row per recipient
-- and channel. The delivery rows are the durable outbox the e-mail worker drains; in-app rows are the inbox.
CREATE TABLE notification (
    id          UUID PRIMARY KEY,
    agency_id   UUID NOT NULL REFERENCES agency (id),
    template    VARCHAR(100) NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    link        TEXT,
    dedup_key   VARCHAR(300),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notification_dedup_uq ON notification (dedup_key) WHERE dedup_key IS NOT NULL;
CREATE INDEX notification_agency_idx ON notification (agency_id, created_at DESC);

CREATE TABLE notification_delivery (
    id              UUID PRIMARY KEY,
    notification_id UUID NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    channel         VARCHAR(10) NOT NULL CHECK (channel IN ('IN_APP', 'EMAIL')),
    user_id         UUID REFERENCES app_user (id) ON DELETE CASCADE,
    email           VARCHAR(254),
    status          VARCHAR(10) NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    last_error      TEXT,
    sent_at         TIMESTAMPTZ,
    read_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT notification_delivery_target CHECK (
        (channel = 'IN_APP' AND user_id IS NOT NULL) OR (channel = 'EMAIL' AND email IS NOT NULL))
);
CREATE INDEX notification_delivery_notification_idx ON notification_delivery (notification_id);
-- The worker's queue: pending e-mails by due time.
CREATE INDEX notification_delivery_due_idx ON notification_delivery (next_attempt_at)
    WHERE channel = 'EMAIL' AND status = 'PENDING';
-- The inbox: a user's in-app deliveries, unread first.
CREATE INDEX notification_delivery_inbox_idx ON notification_delivery (user_id, read_at, created_at DESC)
    WHERE channel = 'IN_APP';
