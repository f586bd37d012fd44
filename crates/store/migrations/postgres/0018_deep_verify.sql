-- Issue 12, section 9: `eenplan verify --deep` reads every covered table family by
-- family (bounded memory at any size); emergency access had no index leading with the
-- family.
CREATE INDEX emergency_access_family ON emergency_access (family_id);
