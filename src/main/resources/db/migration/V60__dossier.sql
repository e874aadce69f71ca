-- Level dossiers (hồ sơ đề xuất cấp độ, Decree 85/2016 Art 12-18). One row per dossier version: a re-determination
-- (Art 18) is a new row for the same system with the next version_no; the approved one it replaces becomes SUPERSEDED.
CREATE TABLE dossier (
    id                  UUID PRIMARY KEY,
    system_id           UUID NOT NULL,
    system_code         VARCHAR(64) NOT NULL,
    system_name         TEXT NOT NULL,
    version_no          INT NOT NULL,
    regime              VARCHAR(32) NOT NULL,
    proposed_level      INT NOT NULL CHECK (proposed_level BETWEEN 1 AND 5),
    determined_level    INT CHECK (determined_level BETWEEN 1 AND 5),
    matched_rules       JSONB NOT NULL DEFAULT '[]',
    justification       TEXT,
    state               VARCHAR(40) NOT NULL,
    owner_id            UUID NOT NULL,
    operator_id         UUID,
    -- fixed at submission (Art 12, 14): who gives the opinion, appraises and approves
    opinion_agency_id   UUID,
    appraiser_id        UUID,
    approver_id         UUID,
    procedure_basis     TEXT,
    opinion_given_at    TIMESTAMPTZ,
    appraisal_reference TEXT,
    appraised_at        TIMESTAMPTZ,
    plan_approved_at    TIMESTAMPTZ,
    pm_list_reference   TEXT,
    pm_list_recorded_at TIMESTAMPTZ,
    approved_at         TIMESTAMPTZ,
    decision_file_id    UUID,
    decision_sha256     VARCHAR(64),
    decision_signer     TEXT,
    superseded_by       UUID REFERENCES dossier (id),
    created_by          UUID,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    version             INT NOT NULL DEFAULT 0,
    demo                BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT dossier_system_version_uq UNIQUE (system_id, version_no)
);
CREATE INDEX dossier_system_idx ON dossier (system_id, version_no DESC);
CREATE INDEX dossier_list_idx ON dossier (created_at DESC, id DESC);
CREATE INDEX dossier_owner_idx ON dossier (owner_id);
CREATE INDEX dossier_appraiser_idx ON dossier (appraiser_id) WHERE appraiser_id IS NOT NULL;
CREATE INDEX dossier_approver_idx ON dossier (approver_id) WHERE approver_id IS NOT NULL;
-- at most one dossier in progress per system
CREATE UNIQUE INDEX dossier_open_uq ON dossier (system_id)
    WHERE state NOT IN ('APPROVED', 'REJECTED', 'SUPERSEDED');

-- Documents of Art 15, each upload a new version kept with its SHA-256 (D6). The bytes are in the document module.
CREATE TABLE dossier_document (
    id            UUID PRIMARY KEY,
    dossier_id    UUID NOT NULL REFERENCES dossier (id),
    type          VARCHAR(40) NOT NULL,
    version_no    INT NOT NULL,
    file_id       UUID NOT NULL,
    original_name TEXT NOT NULL,
    media_type    VARCHAR(160) NOT NULL,
    size_bytes    BIGINT NOT NULL,
    sha256        VARCHAR(64) NOT NULL,
    uploaded_by   UUID,
    uploader_name TEXT NOT NULL,
    agency_id     UUID,
    uploaded_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT dossier_document_version_uq UNIQUE (dossier_id, type, version_no)
);

-- Steps with a responsible agency and a legal deadline (D5). overdue_flagged_at is set once, by the overdue job.
CREATE TABLE dossier_step (
    id                 UUID PRIMARY KEY,
    dossier_id         UUID NOT NULL REFERENCES dossier (id),
    kind               VARCHAR(40) NOT NULL,
    agency_id          UUID NOT NULL,
    started_at         TIMESTAMPTZ NOT NULL,
    due_at             TIMESTAMPTZ,
    satisfied_at       TIMESTAMPTZ,
    overdue_flagged_at TIMESTAMPTZ,
    legal_basis        TEXT NOT NULL
);
CREATE INDEX dossier_step_dossier_idx ON dossier_step (dossier_id, started_at);
CREATE INDEX dossier_step_open_due_idx ON dossier_step (due_at) WHERE satisfied_at IS NULL AND due_at IS NOT NULL;

-- Who is told that a step is overdue: the responsible agency and its superior (parent), once per step.
CREATE TABLE dossier_overdue_notice (
    step_id     UUID NOT NULL REFERENCES dossier_step (id),
    agency_id   UUID NOT NULL,
    recipient   VARCHAR(16) NOT NULL,
    notified_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (step_id, agency_id)
);
CREATE INDEX dossier_overdue_notice_agency_idx ON dossier_overdue_notice (agency_id, notified_at DESC);

-- The timeline: every transition with who, agency, when, comment, document versions and the rule applied (D6).
CREATE TABLE dossier_event (
    seq              BIGSERIAL PRIMARY KEY,
    dossier_id       UUID NOT NULL REFERENCES dossier (id),
    occurred_at      TIMESTAMPTZ NOT NULL,
    action           VARCHAR(40) NOT NULL,
    from_state       VARCHAR(40),
    to_state         VARCHAR(40) NOT NULL,
    actor_user_id    UUID,
    actor_name       TEXT NOT NULL,
    actor_agency_id  UUID,
    comment          TEXT,
    reference        TEXT,
    documents        JSONB NOT NULL DEFAULT '[]',
    rule             TEXT NOT NULL
);
CREATE INDEX dossier_event_dossier_idx ON dossier_event (dossier_id, seq);

CREATE FUNCTION dossier_event_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dossier_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER dossier_event_no_change BEFORE UPDATE OR DELETE ON dossier_event
    FOR EACH ROW EXECUTE FUNCTION dossier_event_is_immutable();
CREATE TRIGGER dossier_event_no_truncate BEFORE TRUNCATE ON dossier_event
    FOR EACH STATEMENT EXECUTE FUNCTION dossier_event_is_immutable();
