-- The coverage dashboard counts operating systems per owner over an agency subtree (infosystem.SystemCoverage):
-- a partial covering index makes that an index-only scan per agency of the subtree.
CREATE INDEX information_system_operating_owner_idx ON information_system (owner_id) INCLUDE (approved_level)
    WHERE lifecycle = 'OPERATING';
