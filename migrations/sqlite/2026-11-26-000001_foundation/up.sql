-- Pavilions (tenants), accounts and login sessions.
-- Multilingual texts are JSON objects stored as TEXT; times are UTC without zone.

CREATE TABLE pavilions (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    host_association TEXT NOT NULL DEFAULT '{}',
    description TEXT NOT NULL DEFAULT '{}',
    location TEXT,
    contact_email TEXT,
    brand_color TEXT,
    logo_url TEXT,
    sender_name TEXT,
    reply_to TEXT,
    email_footer TEXT NOT NULL DEFAULT '{}',
    profile_deadline TIMESTAMP,
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    -- NULL for organisers, who belong to no pavilion.
    pavilion_id TEXT REFERENCES pavilions (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('organiser', 'pavilion_admin', 'exhibitor')),
    locale TEXT NOT NULL CHECK (locale IN ('en', 'zh-Hans', 'zh-Hant')),
    password_hash TEXT NOT NULL,
    disabled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((role = 'organiser') = (pavilion_id IS NULL)),
    UNIQUE (id, pavilion_id)
);
-- Accounts are per pavilion: one address may hold an account in each pavilion.
CREATE UNIQUE INDEX users_pavilion_email ON users (pavilion_id, email);
CREATE UNIQUE INDEX users_organiser_email ON users (email) WHERE pavilion_id IS NULL;

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Mirrors the user's pavilion, so the database refuses a session that crosses tenants.
    pavilion_id TEXT,
    refresh_token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    user_agent TEXT,
    ip TEXT,
    FOREIGN KEY (user_id, pavilion_id) REFERENCES users (id, pavilion_id)
);
CREATE INDEX sessions_user ON sessions (user_id);
