-- Buyers: accounts of the whole market, like organisers, belonging to no pavilion. SQLite cannot
-- change a table's CHECK, so `users` is rebuilt the way SQLite documents it: foreign keys off,
-- a new table, the rows copied, the old one dropped and the new one renamed, all in one
-- transaction, the foreign keys checked before it commits. Every table that references `users`
-- by name references the new one.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE users_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    -- NULL for organisers and buyers, who belong to no pavilion.
    pavilion_id TEXT REFERENCES pavilions (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('organiser', 'pavilion_admin', 'exhibitor', 'buyer')),
    locale TEXT NOT NULL CHECK (locale IN ('en', 'zh-Hans', 'zh-Hant')),
    password_hash TEXT NOT NULL,
    disabled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    exhibitor_id TEXT REFERENCES exhibitors (id),
    CHECK ((role IN ('organiser', 'buyer')) = (pavilion_id IS NULL)),
    UNIQUE (id, pavilion_id)
);
INSERT INTO users_rebuilt
    (id, pavilion_id, email, name, role, locale, password_hash, disabled_at, created_at, updated_at, exhibitor_id)
SELECT id, pavilion_id, email, name, role, locale, password_hash, disabled_at, created_at, updated_at, exhibitor_id
FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
-- Accounts are per pavilion: one address may hold an account in each pavilion, one organiser
-- account and one buyer account.
CREATE UNIQUE INDEX users_pavilion_email ON users (pavilion_id, email);
CREATE UNIQUE INDEX users_organiser_email ON users (email) WHERE role = 'organiser';
CREATE UNIQUE INDEX users_buyer_email ON users (email) WHERE role = 'buyer';
CREATE TRIGGER users_exhibitor_same_pavilion_insert BEFORE INSERT ON users
WHEN NEW.exhibitor_id IS NOT NULL AND NOT EXISTS
    (SELECT 1 FROM exhibitors WHERE id = NEW.exhibitor_id AND pavilion_id = NEW.pavilion_id)
BEGIN SELECT RAISE(ABORT, 'exhibitor belongs to another pavilion'); END;
CREATE TRIGGER users_exhibitor_same_pavilion_update BEFORE UPDATE OF exhibitor_id, pavilion_id ON users
WHEN NEW.exhibitor_id IS NOT NULL AND NOT EXISTS
    (SELECT 1 FROM exhibitors WHERE id = NEW.exhibitor_id AND pavilion_id = NEW.pavilion_id)
BEGIN SELECT RAISE(ABORT, 'exhibitor belongs to another pavilion'); END;
COMMIT;
PRAGMA foreign_keys = ON;
