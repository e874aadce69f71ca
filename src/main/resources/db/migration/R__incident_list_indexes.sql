-- Indexes for the incident list and the coordinator board (issue 4 §5: p95 < 150 ms with 1,000,000 incidents).
-- A repeatable migration, not a versioned one: the incident tables come from V100, after the V93-V94 range this
-- work was given, and Flyway runs repeatable migrations after every versioned one (again only if this file changes).
-- Each index serves one filter of IncidentViews.list in the order the list sorts by, so a page (and the count,
-- capped at 10,000) reads index entries in order and stops early instead of sorting every visible incident.
CREATE INDEX IF NOT EXISTS incident_state_reported_idx ON incident (state, reported_at DESC, id);
-- The category index carries the TLP so that the (capped) count reads the index only, not 700 MB of rows.
CREATE INDEX IF NOT EXISTS incident_category_tlp_reported_idx ON incident (category, reported_at DESC, id) INCLUDE (tlp);
CREATE INDEX IF NOT EXISTS incident_severity_reported_idx
    ON incident ((COALESCE(severity, proposed_severity)), reported_at DESC, id);
CREATE INDEX IF NOT EXISTS incident_detected_idx ON incident (detected_at DESC, id);
-- Open cases (the board): by severity as the board sorts, and by date (overdue column, open filter).
CREATE INDEX IF NOT EXISTS incident_open_severity_idx
    ON incident ((CASE COALESCE(severity, proposed_severity) WHEN 'SERIOUS' THEN 0 ELSE 1 END), reported_at DESC, id)
    WHERE state <> 'CLOSED';
CREATE INDEX IF NOT EXISTS incident_open_reported_idx ON incident (reported_at DESC, id) WHERE state <> 'CLOSED';
-- The agency filter: incidents of a subtree by owner, operator, reporter.
CREATE INDEX IF NOT EXISTS incident_owner_idx ON incident (owner_id);
CREATE INDEX IF NOT EXISTS incident_operator_idx ON incident (operator_id);
CREATE INDEX IF NOT EXISTS incident_reporter_agency_idx ON incident (reporter_agency_id);
-- Open clocks past due (overdue filter), by incident.
CREATE INDEX IF NOT EXISTS incident_deadline_open_incident_idx ON incident_deadline (incident_id, due_at)
    WHERE satisfied_at IS NULL;
