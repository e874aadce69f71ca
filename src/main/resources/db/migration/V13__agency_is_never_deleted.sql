-- The registry is effective-dated: an agency that ceases to exist (a merger, a dissolution) is closed with valid_to
-- and keeps its id, so cases, dossiers and audit entries that name it stay readable. Deleting a row would break
-- them; this trigger makes it impossible, which is also what lets the incident intake refer to agencies without a
-- foreign key's row lock (V114).
CREATE FUNCTION agency_is_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'agencies are never deleted; close agency % with valid_to instead', OLD.code
        USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER agency_is_never_deleted BEFORE DELETE ON agency
    FOR EACH ROW EXECUTE FUNCTION agency_is_never_deleted();
