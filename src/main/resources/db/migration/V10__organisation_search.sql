-- Agency search: code prefix (case-insensitive) and name fragments stay indexed with 10,000+ agencies.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX agency_code_prefix_idx ON agency (upper(code) text_pattern_ops);
CREATE INDEX agency_name_trgm_idx ON agency USING gin (lower(name_vi) gin_trgm_ops);
CREATE INDEX agency_name_en_trgm_idx ON agency USING gin (lower(name_en) gin_trgm_ops);
CREATE INDEX agency_kind_idx ON agency (kind, upper(code));

-- Contact history names who recorded each change (a name survives the account's later removal).
ALTER TABLE agency_contact ADD COLUMN recorded_by_name TEXT;
