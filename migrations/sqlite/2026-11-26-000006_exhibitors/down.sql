DROP TRIGGER IF EXISTS users_exhibitor_same_pavilion_insert;
DROP TRIGGER IF EXISTS users_exhibitor_same_pavilion_update;
DROP TRIGGER IF EXISTS invitations_exhibitor_same_pavilion;
ALTER TABLE users DROP COLUMN exhibitor_id;
DROP TABLE published_works;
DROP TABLE published_exhibitors;
DROP TABLE works;
DROP TABLE exhibitors;
