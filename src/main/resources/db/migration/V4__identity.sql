CREATE TABLE app_user (
    id               UUID PRIMARY KEY,
    username         VARCHAR(64) NOT NULL,
    full_name        TEXT NOT NULL,
    email            VARCHAR(254) NOT NULL,
    agency_id        UUID NOT NULL REFERENCES agency (id),
    password_hash    TEXT,
    enabled          BOOLEAN NOT NULL DEFAULT TRUE,
    mfa_secret       TEXT,
    mfa_enabled      BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins    INT NOT NULL DEFAULT 0,
    locked_until     TIMESTAMPTZ,
    oidc_subject     TEXT,
    password_changed_at TIMESTAMPTZ,
    demo             BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    version          INT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX app_user_username_uq ON app_user (lower(username));
CREATE UNIQUE INDEX app_user_oidc_uq ON app_user (oidc_subject) WHERE oidc_subject IS NOT NULL;
CREATE INDEX app_user_agency_idx ON app_user (agency_id);

-- A role granted at an agency applies to that agency's whole subtree.
CREATE TABLE user_role (
    user_id    UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role       VARCHAR(40) NOT NULL,
    agency_id  UUID NOT NULL REFERENCES agency (id),
    granted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    granted_by UUID,
    PRIMARY KEY (user_id, role, agency_id)
);

CREATE TABLE mfa_recovery_code (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX mfa_recovery_code_user_idx ON mfa_recovery_code (user_id);

-- API tokens: only a SHA-256 of the secret is kept; prefix lets a person recognise a token in lists.
CREATE TABLE api_token (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         VARCHAR(120) NOT NULL,
    prefix       VARCHAR(16) NOT NULL,
    token_hash   CHAR(64) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_token_hash_uq ON api_token (token_hash);
CREATE INDEX api_token_user_idx ON api_token (user_id);

-- Idempotency-Key support for machine POSTs: the first response is kept and replayed.
CREATE TABLE idempotent_request (
    key           VARCHAR(200) NOT NULL,
    principal     VARCHAR(200) NOT NULL,
    method        VARCHAR(10) NOT NULL,
    path          TEXT NOT NULL,
    request_hash  CHAR(64) NOT NULL,
    status        INT,
    content_type  VARCHAR(200),
    location      TEXT,
    body          BYTEA,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX idempotent_request_created_idx ON idempotent_request (created_at);
