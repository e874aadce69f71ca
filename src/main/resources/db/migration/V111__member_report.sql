-- Periodic reports of incident-response network members (Circular 20/2017 Art 6.1.c, Form 05): half-year before
-- 20/06 and annual before 15/12, sent to the national coordinator. Each filing is a signed PDF; filing again for the
-- same agency, year and period makes a new version. The clock is judged on the first version.
CREATE TABLE member_report (
    id             UUID PRIMARY KEY,
    agency_id      UUID NOT NULL REFERENCES agency (id),
    year           INT NOT NULL,
    period         VARCHAR(16) NOT NULL,
    version        INT NOT NULL,
    period_from    DATE NOT NULL,
    period_to      DATE NOT NULL,
    due_at         TIMESTAMPTZ NOT NULL,
    figures        JSONB NOT NULL,
    content        JSONB NOT NULL,
    file_id        UUID NOT NULL,
    sha256         VARCHAR(64) NOT NULL,
    signer_subject TEXT,
    filed_by       TEXT NOT NULL,
    filed_by_user  UUID,
    filed_at       TIMESTAMPTZ NOT NULL,
    demo           BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT member_report_period CHECK (period IN ('HALF_YEAR', 'ANNUAL')),
    CONSTRAINT member_report_version UNIQUE (agency_id, year, period, version)
);
CREATE INDEX member_report_period_idx ON member_report (year, period);
