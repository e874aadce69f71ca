-- One index entry fewer per clock and per timeline event (issue 4 §5): each table had a primary key on its own id and
-- a second index by incident, and every query reads them by incident (a case's clocks and timeline; a clock is
-- satisfied by incident and kind, never looked up by its id alone). The primary key now leads with the incident and
-- serves those queries itself. A notice writes about five clocks and one event, so this saves six index entries (and
-- their WAL records) per notice. The ids stay unique in practice as before: clock ids are time-ordered random UUIDs,
-- event ids come from their sequence.
ALTER TABLE incident_deadline DROP CONSTRAINT incident_deadline_pkey, ADD PRIMARY KEY (incident_id, id);
DROP INDEX incident_deadline_incident_idx;
ALTER TABLE incident_event DROP CONSTRAINT incident_event_pkey, ADD PRIMARY KEY (incident_id, id);
DROP INDEX incident_event_incident_idx;
