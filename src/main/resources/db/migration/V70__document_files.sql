-- Uploaded and generated files: the bytes live in attt.storage.directory under a random id, never under the
-- user's file name; this table holds what is known about them.
CREATE TABLE stored_file (
    id            UUID PRIMARY KEY,
    original_name TEXT        NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
    media_type    TEXT        NOT NULL,
    size_bytes    BIGINT      NOT NULL CHECK (size_bytes >= 0),
    sha256        CHAR(64)    NOT NULL,
    stored_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX stored_file_sha256 ON stored_file (sha256);
