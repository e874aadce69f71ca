-- Information-system registry (Decree 85/2016 Art 3, 5, 6). One row per system; the level inputs are the
-- criteria of Art 7-11 as the owner declared them (null = unknown), so the level wizard and dossiers start from them.
-- Scope: a system is visible to callers whose roots contain its owner OR its operator; both are agencies whose
-- materialised path (agency.path, text_pattern_ops index) answers "is it in this subtree" in one predicate, and
-- joining through owner_id/operator_id keeps that right when an agency subtree moves.
CREATE TABLE information_system (
    id                           UUID PRIMARY KEY,
    code                         VARCHAR(64) NOT NULL,
    name                         TEXT NOT NULL,
    description                  TEXT,
    owner_id                     UUID NOT NULL REFERENCES agency (id),
    operator_id                  UUID NOT NULL REFERENCES agency (id),
    system_type                  VARCHAR(32) NOT NULL,
    information_types            VARCHAR(16)[] NOT NULL DEFAULT '{}',
    -- level inputs (regime.LevelInputs); componentLevels are derived from component systems' approved levels
    online_public_service_level  SMALLINT CHECK (online_public_service_level BETWEEN 0 AND 4),
    conditional_business_line    BOOLEAN,
    personal_data_subjects       INTEGER CHECK (personal_data_subjects >= 0),
    infrastructure_scope         VARCHAR(24),
    operates_24x7                BOOLEAN,
    national_e_government        BOOLEAN,
    construction_grade           VARCHAR(8),
    national_security_work       BOOLEAN,
    defence_or_security_system   BOOLEAN,
    national_security_impact     VARCHAR(24),
    national_critical_data_store BOOLEAN,
    prime_minister_designated    BOOLEAN,
    lifecycle                    VARCHAR(24) NOT NULL,
    go_live_date                 DATE,
    hosting                      VARCHAR(24) NOT NULL,
    hosting_provider_id          UUID REFERENCES agency (id),
    hosting_provider_name        TEXT,
    -- set only through InformationSystems.recordApprovedLevel (an approved dossier); never lowered automatically
    approved_level               SMALLINT CHECK (approved_level BETWEEN 1 AND 5),
    approved_dossier_id          UUID,
    approved_at                  TIMESTAMPTZ,
    demo                         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at                   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                   TIMESTAMPTZ NOT NULL DEFAULT now(),
    version                      INT NOT NULL DEFAULT 0,
    inventory_version            INT NOT NULL DEFAULT 0,
    CONSTRAINT information_system_approval CHECK ((approved_level IS NULL) = (approved_at IS NULL))
);
CREATE UNIQUE INDEX information_system_code_uq ON information_system (upper(code));
CREATE INDEX information_system_code_prefix_idx ON information_system (upper(code) text_pattern_ops);
CREATE INDEX information_system_owner_idx ON information_system (owner_id, upper(code));
CREATE INDEX information_system_operator_idx ON information_system (operator_id);
CREATE INDEX information_system_lifecycle_idx ON information_system (lifecycle, approved_level);
CREATE INDEX information_system_name_trgm_idx ON information_system USING gin (lower(name) gin_trgm_ops);

-- Art 5.2: a system made of other systems in the registry. Its level is the maximum of its components' levels.
CREATE TABLE information_system_component (
    system_id    UUID NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    component_id UUID NOT NULL REFERENCES information_system (id),
    PRIMARY KEY (system_id, component_id),
    CONSTRAINT information_system_component_self CHECK (system_id <> component_id)
);
CREATE INDEX information_system_component_rev_idx ON information_system_component (component_id);

-- Systems this one exchanges data with (connections, integration buses).
CREATE TABLE information_system_connection (
    system_id    UUID NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    connected_id UUID NOT NULL REFERENCES information_system (id),
    PRIMARY KEY (system_id, connected_id),
    CONSTRAINT information_system_connection_self CHECK (system_id <> connected_id)
);
CREATE INDEX information_system_connection_rev_idx ON information_system_connection (connected_id);

-- Network exposure: domains (lower-case ASCII, IDN as punycode) and public IP ranges. Telemetry and warnings match
-- "which system answers for this host/address": by domain, and by address inside a range (GiST inet_ops).
CREATE TABLE information_system_domain (
    system_id UUID NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    domain    VARCHAR(253) NOT NULL,
    PRIMARY KEY (system_id, domain)
);
CREATE INDEX information_system_domain_idx ON information_system_domain (domain);

CREATE TABLE information_system_ip_range (
    system_id UUID NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    ip_range  CIDR NOT NULL,
    PRIMARY KEY (system_id, ip_range)
);
CREATE INDEX information_system_ip_range_idx ON information_system_ip_range USING gist (ip_range inet_ops);

-- Software inventory. Early warnings are matched against it by CPE vendor+product and by Package URL
-- type+namespace+name, for ~5,000,000 rows: the key is (system_id, position) (no surrogate id), and the two match
-- indexes are partial and cover the system and version so a match is an index-only scan.
CREATE TABLE software_item (
    system_id      UUID NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    position       INT NOT NULL,
    vendor         TEXT,
    product        TEXT NOT NULL,
    version        TEXT,
    cpe            TEXT,
    cpe_part       CHAR(1),
    cpe_vendor     TEXT,
    cpe_product    TEXT,
    cpe_version    TEXT,
    purl           TEXT,
    purl_type      TEXT,
    purl_namespace TEXT,
    purl_name      TEXT,
    purl_version   TEXT,
    PRIMARY KEY (system_id, position),
    CONSTRAINT software_item_cpe_parsed CHECK ((cpe IS NULL) = (cpe_vendor IS NULL)),
    CONSTRAINT software_item_purl_parsed CHECK ((purl IS NULL) = (purl_name IS NULL))
);
CREATE INDEX software_item_cpe_idx ON software_item (cpe_vendor, cpe_product) INCLUDE (system_id, cpe_version)
    WHERE cpe_vendor IS NOT NULL;
CREATE INDEX software_item_purl_idx ON software_item (purl_type, purl_namespace, purl_name)
    INCLUDE (system_id, purl_version) WHERE purl_name IS NOT NULL;
