-- An account's authenticator app: its secret, sealed (encrypted with a key derived from the
-- deployment's secret), confirmed once a first code matched; the last time step a code was
-- accepted for, so that no code is accepted twice.
CREATE TABLE totp_factors (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    sealed_secret TEXT NOT NULL,
    confirmed_at TIMESTAMP,
    last_used_step BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);

-- Single-use recovery codes, kept only as keyed hashes.
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    PRIMARY KEY (user_id, code_hash)
);

-- Between a correct password and a session, for an account with a second factor: short-lived,
-- single use, kept as the hash of the token the client holds.
CREATE TABLE second_factor_challenges (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX second_factor_challenges_by_expiry ON second_factor_challenges (expires_at);
CREATE INDEX second_factor_challenges_by_user ON second_factor_challenges (user_id);
