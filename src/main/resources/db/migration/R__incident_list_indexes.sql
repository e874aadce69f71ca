-- Indexes for the incident list and the coordinator board (issue 4 §5: p95 < 150 ms with 1,000,000 incidents).
-- A repeatable migration, not a versioned one: the incident tables come from V100, after the V93-V94 range this
-- work was given, and Flyway runs repeatable migrations after every versioned one (again only if this file changes).
-- Each index serves one filter of IncidentViews.list in the order the list sorts by, so a page (and the count,
-- capped at 10,000) reads index entries in order and stops early instead of sorting every visible incident.
-- Each carries what the visibility rule of a nationwide caller reads (tlp, reporter_agency_id; IncidentViews
-- .visibleNationally): the capped count is then an index-only scan instead of up to 10,000 random reads of the
-- 1,000,000 incident rows (one heap page each), which cost 40-80 ms per request on their own.
-- The covering replacement of V100's incident_reported_idx (same key, so no extra entry per notice).
CREATE INDEX IF NOT EXISTS incident_reported_cover_idx ON incident (reported_at DESC, id)
    INCLUDE (tlp, reporter_agency_id);
DROP INDEX IF EXISTS incident_reported_idx;
DROP INDEX IF EXISTS incident_state_reported_idx;
CREATE INDEX IF NOT EXISTS incident_state_reported_cover_idx ON incident (state, reported_at DESC, id)
    INCLUDE (tlp, reporter_agency_id);
DROP INDEX IF EXISTS incident_category_tlp_reported_idx;
CREATE INDEX IF NOT EXISTS incident_category_reported_cover_idx ON incident (category, reported_at DESC, id)
    INCLUDE (tlp, reporter_agency_id);
-- An index-only scan cannot return an expression, so the columns of COALESCE(severity, proposed_severity) are carried.
DROP INDEX IF EXISTS incident_severity_reported_idx;
CREATE INDEX IF NOT EXISTS incident_severity_reported_cover_idx
    ON incident ((COALESCE(severity, proposed_severity)), reported_at DESC, id)
    INCLUDE (tlp, reporter_agency_id, severity, proposed_severity);
DROP INDEX IF EXISTS incident_detected_idx;
CREATE INDEX IF NOT EXISTS incident_detected_cover_idx ON incident (detected_at DESC, id)
    INCLUDE (tlp, reporter_agency_id);
-- Open cases (the board): by severity as the board sorts, and by date (overdue column, open filter).
DROP INDEX IF EXISTS incident_open_severity_idx;
CREATE INDEX IF NOT EXISTS incident_open_severity_cover_idx
    ON incident ((CASE COALESCE(severity, proposed_severity) WHEN 'SERIOUS' THEN 0 ELSE 1 END), reported_at DESC, id)
    INCLUDE (tlp, reporter_agency_id, severity, proposed_severity)
    WHERE state <> 'CLOSED';
DROP INDEX IF EXISTS incident_open_reported_idx;
CREATE INDEX IF NOT EXISTS incident_open_reported_cover_idx ON incident (reported_at DESC, id)
    INCLUDE (tlp, reporter_agency_id) WHERE state <> 'CLOSED';
-- The agency filter and subtree visibility read incident_agency (V113); these serve the recomputation of a case's
-- rows after an agency move (which cases have a moved agency as a party).
CREATE INDEX IF NOT EXISTS incident_owner_idx ON incident (owner_id);
CREATE INDEX IF NOT EXISTS incident_operator_idx ON incident (operator_id);
CREATE INDEX IF NOT EXISTS incident_reporter_agency_idx ON incident (reporter_agency_id);
-- Open clocks past due (overdue filter), by incident.
CREATE INDEX IF NOT EXISTS incident_deadline_open_incident_idx ON incident_deadline (incident_id, due_at)
    WHERE satisfied_at IS NULL;
