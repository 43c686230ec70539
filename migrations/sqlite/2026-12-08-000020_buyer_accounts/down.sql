-- Back to three roles: buyer accounts (and what cascades from them) go first.
PRAGMA foreign_keys = OFF;
BEGIN;
DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE role = 'buyer');
DELETE FROM password_resets WHERE user_id IN (SELECT id FROM users WHERE role = 'buyer');
DELETE FROM users WHERE role = 'buyer';
CREATE TABLE users_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    pavilion_id TEXT REFERENCES pavilions (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('organiser', 'pavilion_admin', 'exhibitor')),
    locale TEXT NOT NULL CHECK (locale IN ('en', 'zh-Hans', 'zh-Hant')),
    password_hash TEXT NOT NULL,
    disabled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    exhibitor_id TEXT REFERENCES exhibitors (id),
    CHECK ((role = 'organiser') = (pavilion_id IS NULL)),
    UNIQUE (id, pavilion_id)
);
INSERT INTO users_rebuilt
    (id, pavilion_id, email, name, role, locale, password_hash, disabled_at, created_at, updated_at, exhibitor_id)
SELECT id, pavilion_id, email, name, role, locale, password_hash, disabled_at, created_at, updated_at, exhibitor_id
FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
CREATE UNIQUE INDEX users_pavilion_email ON users (pavilion_id, email);
CREATE UNIQUE INDEX users_organiser_email ON users (email) WHERE pavilion_id IS NULL;
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
