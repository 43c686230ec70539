ALTER TABLE invitations DROP CONSTRAINT invitations_exhibitor;
ALTER TABLE users DROP CONSTRAINT users_exhibitor;
ALTER TABLE users DROP COLUMN exhibitor_id;
DROP TABLE published_works;
DROP TABLE published_exhibitors;
DROP TABLE works;
DROP TABLE exhibitors;
