-- A buyer's profile and where its account stands: unconfirmed (its address not yet proven),
-- pending (waiting for the organiser), verified or refused. One row per buyer account.
CREATE TABLE buyers (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'pending', 'verified', 'refused')),
    company TEXT NOT NULL,
    company_type TEXT NOT NULL,
    country TEXT NOT NULL,
    -- JSON arrays of the works' vocabulary.
    territories TEXT NOT NULL,
    media TEXT NOT NULL,
    kinds TEXT NOT NULL,
    genres TEXT NOT NULL,
    website TEXT,
    refusal_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX buyers_status ON buyers (status, created_at);

-- The links that prove a buyer's address: single use, expiring, kept as the SHA-256 of the token.
CREATE TABLE email_confirmations (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX email_confirmations_user ON email_confirmations (user_id);
