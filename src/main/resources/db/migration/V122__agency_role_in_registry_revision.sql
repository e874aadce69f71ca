-- Legal roles join the registry revision (V12). The application keeps the registry in memory per revision
-- (AgencySnapshots: agencies and who holds which role), so that an incident notice routes to its IR unit and the
-- national coordinator without a query of its own (issue 4 §5). A change of agency_role now stores a new revision in
-- the same transaction, as a change of agency does: a reader that sees revision R sees exactly the roles committed
-- with R, including a grant made a moment ago by another instance.
CREATE TRIGGER agency_role_registry_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_role
    FOR EACH STATEMENT EXECUTE FUNCTION agency_registry_changed();
