-- A pavilion may require a second factor of its admins and, separately, of its exhibitors.
ALTER TABLE pavilions ADD COLUMN second_factor_admins BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE pavilions ADD COLUMN second_factor_exhibitors BOOLEAN NOT NULL DEFAULT FALSE;
