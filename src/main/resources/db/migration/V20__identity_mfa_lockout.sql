-- MFA replay protection: the last TOTP time step accepted for the user; a code of that step or earlier is refused.
ALTER TABLE app_user ADD COLUMN mfa_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN mfa_enabled_at TIMESTAMPTZ;
ALTER TABLE app_user ADD COLUMN disabled_at TIMESTAMPTZ;

-- Users of an agency subtree, listed by username (keyset): the scope join goes through agency.path.
CREATE INDEX user_role_agency_idx ON user_role (agency_id, role);
CREATE INDEX app_user_agency_username_idx ON app_user (agency_id, lower(username));
CREATE INDEX api_token_user_created_idx ON api_token (user_id, created_at DESC);
