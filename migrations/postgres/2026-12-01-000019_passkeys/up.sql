-- Passkeys (WebAuthn credentials) an account signs in with: as its second factor, or instead of
-- its password and code. `credential` is webauthn-rs's `Passkey` as JSON (the public key, the
-- signature counter); nothing in it is secret. An account's passkeys share one `user_handle`,
-- the random id its authenticators know it by.
CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    credential_id TEXT NOT NULL UNIQUE,
    user_handle TEXT NOT NULL,
    credential TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);
CREATE INDEX passkeys_by_user ON passkeys (user_id);

-- A passkey ceremony under way: adding one to `user_id`'s account, or signing in with one where
-- `sign_in_at` says (a pavilion's slug; empty for the organisers). webauthn-rs's state stays on
-- the server so that each challenge is answered once; the client holds the token.
CREATE TABLE passkey_ceremonies (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('register', 'sign_in')),
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    sign_in_at TEXT,
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX passkey_ceremonies_by_expiry ON passkey_ceremonies (expires_at);

-- A sign-in's second step may be a passkey: the options sent to the browser, and the state
-- that checks its answer.
ALTER TABLE second_factor_challenges ADD COLUMN passkey_options TEXT;
ALTER TABLE second_factor_challenges ADD COLUMN passkey_state TEXT;
