-- Agency registry: an effective-dated tree. path is the chain of ancestor ids ("/root/child/.../self/"),
-- so "everything in this subtree" is one indexed prefix match.
CREATE TABLE agency (
    id          UUID PRIMARY KEY,
    code        VARCHAR(64) NOT NULL,
    name_vi     TEXT NOT NULL,
    name_en     TEXT,
    kind        VARCHAR(32) NOT NULL,
    parent_id   UUID REFERENCES agency (id),
    path        TEXT NOT NULL,
    depth       INT NOT NULL,
    address     TEXT,
    valid_from  DATE NOT NULL,
    valid_to    DATE,
    demo        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    version     INT NOT NULL DEFAULT 0,
    CONSTRAINT agency_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE UNIQUE INDEX agency_code_uq ON agency (upper(code));
CREATE INDEX agency_path_idx ON agency (path text_pattern_ops);
CREATE INDEX agency_parent_idx ON agency (parent_id, name_vi);
CREATE INDEX agency_name_idx ON agency (lower(name_vi) text_pattern_ops);

-- A merger or split: the predecessor is closed and names its successor(s).
CREATE TABLE agency_succession (
    predecessor_id UUID NOT NULL REFERENCES agency (id),
    successor_id   UUID NOT NULL REFERENCES agency (id),
    effective_on   DATE NOT NULL,
    legal_basis    TEXT,
    PRIMARY KEY (predecessor_id, successor_id)
);
CREATE INDEX agency_succession_successor_idx ON agency_succession (successor_id);

-- Legal roles an agency holds (Decree 85/2016 Art 3, Decision 05/2017 Art 4-7), effective-dated.
-- for_agency_id names whom the role serves, e.g. the security unit OF an owner.
CREATE TABLE agency_role (
    id            UUID PRIMARY KEY,
    agency_id     UUID NOT NULL REFERENCES agency (id),
    role          VARCHAR(48) NOT NULL,
    for_agency_id UUID REFERENCES agency (id),
    valid_from    DATE NOT NULL,
    valid_to      DATE,
    legal_basis   TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT agency_role_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX agency_role_agency_idx ON agency_role (agency_id);
CREATE INDEX agency_role_role_idx ON agency_role (role, valid_from);
CREATE INDEX agency_role_for_idx ON agency_role (for_agency_id, role);

-- Contacts kept as history: a change closes the current row (valid_to) and opens a new one.
CREATE TABLE agency_contact (
    id           UUID PRIMARY KEY,
    agency_id    UUID NOT NULL REFERENCES agency (id),
    kind         VARCHAR(40) NOT NULL,
    full_name    TEXT NOT NULL,
    position     TEXT,
    phone        VARCHAR(40),
    email        VARCHAR(254),
    valid_from   TIMESTAMPTZ NOT NULL,
    valid_to     TIMESTAMPTZ,
    recorded_by  UUID,
    CONSTRAINT agency_contact_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX agency_contact_agency_idx ON agency_contact (agency_id, kind, valid_from DESC);
CREATE UNIQUE INDEX agency_contact_current_uq ON agency_contact (agency_id, kind) WHERE valid_to IS NULL;
