-- Observables as first-class rows (issue 4 §3): one row per (incident, type, canonical value), so the same IP,
-- domain, URL, file hash or e-mail filed in two incidents is recognised as one value ("seen in N other incidents").
-- The value as entered is kept in raw_value; a value that fits no type is kept as OTHER (free text never loses data).
CREATE TABLE incident_observable (
    id             UUID PRIMARY KEY,
    incident_id    UUID NOT NULL REFERENCES incident (id),
    type           VARCHAR(16) NOT NULL,
    value          TEXT NOT NULL,
    raw_value      TEXT NOT NULL,
    hash_algorithm VARCHAR(8),
    tlp            VARCHAR(16) NOT NULL,
    added_by       TEXT NOT NULL,
    added_by_user  UUID,
    added_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT incident_observable_type CHECK (type IN ('IP', 'DOMAIN', 'URL', 'FILE_HASH', 'EMAIL', 'OTHER')),
    CONSTRAINT incident_observable_tlp CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED')),
    CONSTRAINT incident_observable_unique UNIQUE (incident_id, type, value)
);
-- cross-case lookup: the same canonical value in other incidents
CREATE INDEX incident_observable_lookup_idx ON incident_observable (value, type, incident_id);

-- Existing notices kept their observables in incident.observables (JSONB, values as entered). Move them, in the
-- canonical form ObservableValue produces for the usual shapes (lower-case hash/domain/e-mail domain, RFC 5952 IPv6
-- via inet, lower-case URL scheme and host with "/" for an empty path); a value that does not fit its type becomes
-- OTHER so nothing is lost.
CREATE FUNCTION incident_observable_canonical(t TEXT, raw TEXT, OUT ctype TEXT, OUT cvalue TEXT) AS $$
DECLARE
    v TEXT := btrim(raw);
    head TEXT;
    rest TEXT;
BEGIN
    ctype := upper(btrim(coalesce(t, '')));
    IF octet_length(v) > 2000 THEN -- the canonical value is indexed; the full text stays in raw_value
        ctype := 'OTHER'; cvalue := left(v, 500);
        RETURN;
    END IF;
    IF ctype = 'FILE_HASH' AND lower(v) ~ '^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$' THEN
        cvalue := lower(v);
    ELSIF ctype = 'IP' AND v ~ '^[0-9A-Fa-f:.]+$' AND v !~ '/' THEN
        BEGIN
            cvalue := host(v::inet);
        EXCEPTION WHEN others THEN
            ctype := 'OTHER'; cvalue := v;
        END;
        IF ctype = 'IP' AND v !~ ':' AND v !~ '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$' THEN
            ctype := 'OTHER'; cvalue := v;
        END IF;
    ELSIF ctype = 'DOMAIN' AND lower(rtrim(v, '.')) ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' THEN
        cvalue := lower(rtrim(v, '.'));
    ELSIF ctype = 'EMAIL' AND v ~ '^[^@[:space:]]{1,64}@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$' THEN
        cvalue := split_part(v, '@', 1) || '@' || lower(rtrim(split_part(v, '@', 2), '.'));
    ELSIF ctype = 'URL' AND v ~ '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#[:space:]]+' AND v !~ '[[:space:]]' THEN
        head := substring(v FROM '^([A-Za-z][A-Za-z0-9+.-]*://[^/?#]+)');
        rest := substr(v, length(head) + 1);
        IF rest = '' OR left(rest, 1) IN ('?', '#') THEN rest := '/' || rest; END IF;
        cvalue := lower(head) || rest;
    ELSE
        ctype := 'OTHER'; cvalue := v;
    END IF;
END $$ LANGUAGE plpgsql IMMUTABLE;

INSERT INTO incident_observable (id, incident_id, type, value, raw_value, hash_algorithm, tlp, added_by, added_at)
SELECT DISTINCT ON (i.id, c.ctype, c.cvalue)
       gen_random_uuid(), i.id, c.ctype, c.cvalue, btrim(o ->> 'value'),
       CASE WHEN c.ctype = 'FILE_HASH' THEN CASE length(c.cvalue) WHEN 32 THEN 'md5' WHEN 40 THEN 'sha1' ELSE 'sha256' END END,
       COALESCE(NULLIF(o ->> 'tlp', ''), i.tlp), i.reporter_name, i.reported_at
FROM incident i
CROSS JOIN LATERAL jsonb_array_elements(i.observables) o
CROSS JOIN LATERAL incident_observable_canonical(o ->> 'type', o ->> 'value') c
WHERE jsonb_typeof(i.observables) = 'array' AND coalesce(btrim(o ->> 'value'), '') <> ''
ORDER BY i.id, c.ctype, c.cvalue;

DROP FUNCTION incident_observable_canonical(TEXT, TEXT);
ALTER TABLE incident DROP COLUMN observables;

-- Sharing a case with another agency or with the whole national incident-response network under a TLP cap
-- (issue 4 §3; FIRST TLP 2.0). The agencies a share reaches are resolved when it is made (for the network: the
-- holders of IR_NETWORK_MEMBER on that date, from the agency registry) into incident_share_recipient. subtree is
-- false for AMBER+STRICT (the named organisation only). TLP:RED never leaves the named recipients: a trigger refuses
-- a share of a TLP:RED incident even if the application check were bypassed.
CREATE TABLE incident_share (
    id               UUID PRIMARY KEY,
    incident_id      UUID NOT NULL REFERENCES incident (id),
    target           VARCHAR(8) NOT NULL,
    agency_id        UUID REFERENCES agency (id),
    cap              VARCHAR(16) NOT NULL,
    subtree          BOOLEAN NOT NULL,
    reason           TEXT,
    shared_by        TEXT NOT NULL,
    shared_by_user   UUID,
    sharer_agency_id UUID REFERENCES agency (id),
    shared_at        TIMESTAMPTZ NOT NULL,
    revoked_at       TIMESTAMPTZ,
    revoked_by       TEXT,
    CONSTRAINT incident_share_target CHECK ((target = 'AGENCY' AND agency_id IS NOT NULL)
                                            OR (target = 'NETWORK' AND agency_id IS NULL)),
    CONSTRAINT incident_share_cap CHECK (cap IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT')),
    CONSTRAINT incident_share_strict CHECK (cap <> 'AMBER_STRICT' OR NOT subtree)
);
CREATE INDEX incident_share_incident_idx ON incident_share (incident_id, shared_at);

CREATE TABLE incident_share_recipient (
    share_id    UUID NOT NULL REFERENCES incident_share (id),
    incident_id UUID NOT NULL REFERENCES incident (id),
    agency_id   UUID NOT NULL REFERENCES agency (id),
    PRIMARY KEY (share_id, agency_id)
);
CREATE INDEX incident_share_recipient_incident_idx ON incident_share_recipient (incident_id, agency_id);

CREATE FUNCTION incident_share_not_red() RETURNS trigger AS $$
BEGIN
    IF (SELECT tlp FROM incident WHERE id = NEW.incident_id) = 'RED' THEN
        RAISE EXCEPTION 'a TLP:RED incident is never shared beyond its named recipients';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER incident_share_no_red BEFORE INSERT ON incident_share
    FOR EACH ROW EXECUTE FUNCTION incident_share_not_red();
