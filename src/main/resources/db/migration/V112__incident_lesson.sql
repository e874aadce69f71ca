-- Lessons learned after a case (DOMAIN.md §4 step 4 "Close"; issue 4 §3): the author's note stays with the case
-- (visible like the case); publishing stores the sanitised text that every network member may read, without the
-- affected agency, system, observables or anything above TLP:GREEN.
CREATE TABLE incident_lesson (
    id              UUID PRIMARY KEY,
    incident_id     UUID NOT NULL REFERENCES incident (id),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    author          TEXT NOT NULL,
    author_user     UUID,
    author_agency   UUID REFERENCES agency (id),
    created_at      TIMESTAMPTZ NOT NULL,
    published_title TEXT,
    published_body  TEXT,
    category        VARCHAR(96),
    severity        VARCHAR(8),
    published_at    TIMESTAMPTZ,
    published_by    TEXT,
    demo            BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX incident_lesson_incident_idx ON incident_lesson (incident_id);
CREATE INDEX incident_lesson_feed_idx ON incident_lesson (published_at DESC) WHERE published_at IS NOT NULL;
