-- Buyers: accounts of the whole market, like organisers, belonging to no pavilion.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('organiser', 'pavilion_admin', 'exhibitor', 'buyer'));
ALTER TABLE users DROP CONSTRAINT users_check;
ALTER TABLE users ADD CONSTRAINT users_check CHECK ((role IN ('organiser', 'buyer')) = (pavilion_id IS NULL));
-- One organiser account and one buyer account per address.
DROP INDEX users_organiser_email;
CREATE UNIQUE INDEX users_organiser_email ON users (email) WHERE role = 'organiser';
CREATE UNIQUE INDEX users_buyer_email ON users (email) WHERE role = 'buyer';
