-- The own agency of the user who filed the notice, which may differ from the reporting agency the notice is filed
-- for (a province, ministry or the platform administrator filing for one of its units); NULL when no user filed it
-- (demo loader, machine intake). It is a named party of its own notice: it may always see what it filed, TLP:RED
-- included (see IncidentViews.namedParty and TlpRules).
ALTER TABLE incident ADD COLUMN filed_by_agency_id UUID REFERENCES agency (id);
UPDATE incident i SET filed_by_agency_id = u.agency_id FROM app_user u WHERE u.id = i.reporter_user_id;
