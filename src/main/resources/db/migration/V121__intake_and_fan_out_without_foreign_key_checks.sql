-- Intake and fan-out without per-row foreign key checks (issue 4 §5). Measured with pg_stat_statements on the
-- benchmark database, 32 clients: the fan-out's notification_delivery rows (about 18 per notice) were 38 % of the
-- buffer reads and 40 % of the WAL records of a notice, and each of them ran one or two foreign key checks (an
-- internal query each, plus a row lock with its WAL record on the notification and on every member's app_user row);
-- the recipients, clocks, outbox row, timeline event and observables of a notice ran about ten more against the
-- incident inserted a moment before in the same transaction.
--
-- The ids are never taken from a caller: the intake writes the children of the incident it has just inserted, and
-- the fan-out writes deliveries for the notification it has just inserted and for users it has just read. What the
-- keys also guarded is kept by triggers that cost nothing at insert:
-- * incident: a case is a legal record and is never deleted (it closes with its final report), so no child can lose
--   its case; the other tables' foreign keys to incident (orders, tasks, evidence, ...) stay.
-- * notification_delivery: ON DELETE CASCADE of its notification and of its user becomes a statement trigger that
--   deletes the deliveries of the deleted rows.
-- * notification.agency_id: agencies are never deleted (V13), as for V114's keys.
-- Also dropped, as index entries written for every notice or delivery that no query reads:
-- * V100's incident_state_idx (state, severity): R__incident_list_indexes' incident_state_reported_cover_idx leads
--   with state;
-- * V120's notification_delivery_notification_idx: the inbox and the mail worker go from a delivery to its
--   notification (the notification's primary key); only the cascade went the other way, and deleting notifications
--   (no code does) now scans the deliveries once per statement.
ALTER TABLE incident_recipient DROP CONSTRAINT incident_recipient_incident_id_fkey;
ALTER TABLE incident_deadline DROP CONSTRAINT incident_deadline_incident_id_fkey;
ALTER TABLE incident_event DROP CONSTRAINT incident_event_incident_id_fkey;
ALTER TABLE incident_notice_outbox DROP CONSTRAINT incident_notice_outbox_incident_id_fkey;
ALTER TABLE incident_observable DROP CONSTRAINT incident_observable_incident_id_fkey;
ALTER TABLE notification DROP CONSTRAINT notification_agency_id_fkey;
ALTER TABLE notification_delivery
    DROP CONSTRAINT notification_delivery_notification_id_fkey,
    DROP CONSTRAINT notification_delivery_user_id_fkey;
DROP INDEX IF EXISTS incident_state_idx;
DROP INDEX IF EXISTS notification_delivery_notification_idx;

CREATE FUNCTION incident_is_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incidents are never deleted; close incident % with its final report instead',
        coalesce(OLD.reference, '(all)') USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER incident_is_never_deleted BEFORE DELETE ON incident
    FOR EACH ROW EXECUTE FUNCTION incident_is_never_deleted();

CREATE FUNCTION incident_is_never_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incidents are never deleted' USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER incident_is_never_truncated BEFORE TRUNCATE ON incident
    FOR EACH STATEMENT EXECUTE FUNCTION incident_is_never_truncated();

-- The deliveries of deleted notifications or users (deleted_rows: the statement's deleted rows of either table).
CREATE FUNCTION notification_delivery_follows_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'notification' THEN
        DELETE FROM notification_delivery d USING deleted_rows n WHERE d.notification_id = n.id;
    ELSE
        DELETE FROM notification_delivery d USING deleted_rows u WHERE d.user_id = u.id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER notification_delivery_follows_notification AFTER DELETE ON notification
    REFERENCING OLD TABLE AS deleted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notification_delivery_follows_deleted();

CREATE TRIGGER notification_delivery_follows_user AFTER DELETE ON app_user
    REFERENCING OLD TABLE AS deleted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notification_delivery_follows_deleted();
