ALTER TABLE pavilions DROP COLUMN second_factor_exhibitors;
ALTER TABLE pavilions DROP COLUMN second_factor_admins;
