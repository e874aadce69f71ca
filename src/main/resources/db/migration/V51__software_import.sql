-- A checked inventory import waiting for the user's confirmation (the pages' preview step). Kept for a day.
CREATE TABLE software_import (
    id                UUID PRIMARY KEY,
    system_id         UUID NOT NULL REFERENCES information_system (id) ON DELETE CASCADE,
    user_id           UUID NOT NULL,
    inventory_version INT NOT NULL,
    format            VARCHAR(16) NOT NULL,
    items             JSONB NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX software_import_created_idx ON software_import (created_at);
