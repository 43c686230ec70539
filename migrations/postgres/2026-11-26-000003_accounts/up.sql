-- Refresh-token reuse detection: the token rotated away last is remembered, so presenting it
-- again (a stolen copy racing the owner) ends the whole session.
ALTER TABLE sessions ADD COLUMN previous_refresh_token_hash TEXT;

-- Invitations into a pavilion. Only a hash of the token is stored.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY NOT NULL,
    pavilion_id TEXT NOT NULL REFERENCES pavilions (id),
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('pavilion_admin', 'exhibitor')),
    exhibitor_id TEXT,
    locale TEXT NOT NULL CHECK (locale IN ('en', 'zh-Hans', 'zh-Hant')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    revoked_at TIMESTAMP,
    UNIQUE (id, pavilion_id)
);
CREATE INDEX invitations_pavilion_email ON invitations (pavilion_id, email);
