-- Control baselines and compliance (Decree 85/2016 Art 20.2.b-c; Circular 03/2017 Art 8-13; TCVN 11930:2017).
-- The catalog itself is data in classpath:control/catalog-ND85.json; its rows are mirrored here at start-up so that
-- baseline items reference a known requirement.

CREATE TABLE control_requirement (
    id           VARCHAR(64) PRIMARY KEY,
    regime       VARCHAR(32) NOT NULL,
    catalog_version VARCHAR(32) NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    group_code   VARCHAR(32) NOT NULL,
    title_vi     TEXT NOT NULL,
    title_en     TEXT NOT NULL,
    min_level    INT NOT NULL CHECK (min_level BETWEEN 1 AND 5),
    max_level    INT CHECK (max_level BETWEEN 1 AND 5),
    citation     TEXT NOT NULL,
    confirmed    BOOLEAN NOT NULL,
    sort_order   INT NOT NULL
);

-- One baseline per system: the level it was instantiated for, and per-system counters that the coverage dashboard
-- sums over an agency subtree (kept exact by ComplianceCounters on every change and when evidence expires).
CREATE TABLE control_baseline (
    system_id            UUID PRIMARY KEY,
    owner_agency_id      UUID NOT NULL REFERENCES agency (id),
    operator_agency_id   UUID REFERENCES agency (id),
    system_code          TEXT NOT NULL,
    system_name          TEXT NOT NULL,
    level                INT NOT NULL CHECK (level BETWEEN 1 AND 5),
    regime               VARCHAR(32) NOT NULL,
    catalog_version      VARCHAR(32) NOT NULL,
    approved_at          TIMESTAMPTZ NOT NULL,
    dossier_id           UUID,
    applicable_count     INT NOT NULL DEFAULT 0,
    compliant_count      INT NOT NULL DEFAULT 0,
    stale_count          INT NOT NULL DEFAULT 0,
    counters_valid_until DATE NOT NULL DEFAULT 'infinity',
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The dashboard joins the agencies of a subtree to their baselines: owner id first, the counters covered.
CREATE INDEX control_baseline_owner_idx ON control_baseline (owner_agency_id)
    INCLUDE (applicable_count, compliant_count, stale_count);
CREATE INDEX control_baseline_expiry_idx ON control_baseline (counters_valid_until);

-- Every approved level the baseline went through (history is never rewritten).
CREATE TABLE control_baseline_level (
    system_id      UUID NOT NULL REFERENCES control_baseline (system_id),
    dossier_id     UUID,
    level          INT NOT NULL,
    previous_level INT,
    approved_at    TIMESTAMPTZ NOT NULL,
    added          INT NOT NULL,
    retired        INT NOT NULL,
    reinstated     INT NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (system_id, approved_at)
);

-- A requirement of one system's baseline. Requirements that a new level no longer needs stay, with required = false.
CREATE TABLE control_baseline_item (
    system_id        UUID NOT NULL REFERENCES control_baseline (system_id),
    requirement_id   VARCHAR(64) NOT NULL REFERENCES control_requirement (id),
    required         BOOLEAN NOT NULL DEFAULT TRUE,
    added_for_level  INT NOT NULL,
    added_at         TIMESTAMPTZ NOT NULL,
    retired_at       TIMESTAMPTZ,
    status           VARCHAR(24) NOT NULL DEFAULT 'NOT_STARTED',
    justification    TEXT,
    owner_user_id    UUID,
    owner_agency_id  UUID REFERENCES agency (id),
    owner_name       TEXT,
    due_on           DATE,
    note             TEXT,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by       UUID,
    version          INT NOT NULL DEFAULT 0,
    PRIMARY KEY (system_id, requirement_id),
    CONSTRAINT control_item_status CHECK (status IN ('NOT_STARTED', 'PLANNED', 'PARTLY_IMPLEMENTED', 'IMPLEMENTED', 'NOT_APPLICABLE')),
    CONSTRAINT control_item_na_justified CHECK (status <> 'NOT_APPLICABLE' OR length(btrim(justification)) > 0)
);

-- Evidence: a stored file (document module) or a link, valid from effective_on to expires_on (inclusive).
CREATE TABLE control_evidence (
    id            UUID PRIMARY KEY,
    agency_id     UUID NOT NULL REFERENCES agency (id),
    kind          VARCHAR(8) NOT NULL CHECK (kind IN ('FILE', 'LINK')),
    title         TEXT NOT NULL,
    url           TEXT,
    file_id       UUID,
    file_name     TEXT,
    media_type    TEXT,
    size_bytes    BIGINT,
    sha256        VARCHAR(64),
    effective_on  DATE NOT NULL,
    expires_on    DATE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by    UUID,
    CONSTRAINT control_evidence_dates CHECK (expires_on IS NULL OR expires_on >= effective_on),
    CONSTRAINT control_evidence_shape CHECK ((kind = 'FILE' AND file_id IS NOT NULL) OR (kind = 'LINK' AND url IS NOT NULL))
);
CREATE INDEX control_evidence_agency_idx ON control_evidence (agency_id, created_at DESC);

-- One evidence item serves any number of systems and requirements.
CREATE TABLE control_evidence_link (
    evidence_id    UUID NOT NULL REFERENCES control_evidence (id),
    system_id      UUID NOT NULL,
    requirement_id VARCHAR(64) NOT NULL,
    linked_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    linked_by      UUID,
    PRIMARY KEY (system_id, requirement_id, evidence_id),
    FOREIGN KEY (system_id, requirement_id) REFERENCES control_baseline_item (system_id, requirement_id)
);
CREATE INDEX control_evidence_link_evidence_idx ON control_evidence_link (evidence_id);

-- Periodic assessments (Decree 85/2016 Art 20.2.c): one open task per system (levels 3-5) and per owner agency
-- (organisation-wide, every 2 years); completing one opens the next.
CREATE TABLE control_assessment (
    id            UUID PRIMARY KEY,
    obligation_id VARCHAR(32) NOT NULL,
    scope         VARCHAR(16) NOT NULL CHECK (scope IN ('SYSTEM', 'ORGANISATION')),
    system_id     UUID REFERENCES control_baseline (system_id),
    agency_id     UUID NOT NULL REFERENCES agency (id),
    level         INT,
    period_months INT NOT NULL,
    due_on        DATE NOT NULL,
    completed_on  DATE,
    completed_by  UUID,
    cancelled_at  TIMESTAMPTZ,
    note          TEXT,
    evidence_id   UUID REFERENCES control_evidence (id),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    version       INT NOT NULL DEFAULT 0,
    CONSTRAINT control_assessment_scope CHECK ((scope = 'SYSTEM') = (system_id IS NOT NULL))
);
CREATE UNIQUE INDEX control_assessment_open_system_uq ON control_assessment (system_id)
    WHERE completed_on IS NULL AND cancelled_at IS NULL AND scope = 'SYSTEM';
CREATE UNIQUE INDEX control_assessment_open_org_uq ON control_assessment (agency_id)
    WHERE completed_on IS NULL AND cancelled_at IS NULL AND scope = 'ORGANISATION';
CREATE INDEX control_assessment_open_due_idx ON control_assessment (agency_id, due_on)
    WHERE completed_on IS NULL AND cancelled_at IS NULL;
