-- Each agency's keys for signing official documents (PAdES). The private key is PKCS#8, encrypted at rest with the
-- platform secret key (AES-256-GCM, bound to the row id); it is never returned by any API.
CREATE TABLE signing_credential (
    id                 UUID PRIMARY KEY,
    agency_id          UUID        NOT NULL REFERENCES agency (id),
    subject            TEXT        NOT NULL,
    issuer             TEXT        NOT NULL,
    serial_number      TEXT        NOT NULL,
    not_before         TIMESTAMPTZ NOT NULL,
    not_after          TIMESTAMPTZ NOT NULL,
    certificate_sha256 CHAR(64)    NOT NULL,
    certificate_chain  TEXT        NOT NULL, -- PEM, the signer's certificate first
    private_key        TEXT        NOT NULL, -- sealed PKCS#8
    key_algorithm      VARCHAR(16) NOT NULL,
    origin             VARCHAR(16) NOT NULL CHECK (origin IN ('IMPORTED', 'DEMO_CA')),
    active             BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at         TIMESTAMPTZ NOT NULL,
    deactivated_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX signing_credential_certificate ON signing_credential (agency_id, certificate_sha256);
CREATE INDEX signing_credential_agency ON signing_credential (agency_id, created_at DESC, id);

-- The generated demonstration CA (demo data and tests only): its certificate is a trust anchor of the verifier.
CREATE TABLE demo_certificate_authority (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    certificate TEXT        NOT NULL,
    private_key TEXT        NOT NULL, -- sealed PKCS#8
    created_at  TIMESTAMPTZ NOT NULL
);
