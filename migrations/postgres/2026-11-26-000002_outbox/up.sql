-- The transactional outbox: a notification is written in the same transaction as the change
-- that causes it, and a worker delivers it. Rows are never deleted by the application; they are
-- the delivery log.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    -- NULL for deployment-level mail (organiser accounts).
    pavilion_id TEXT REFERENCES pavilions (id),
    kind TEXT NOT NULL,
    -- Typed, versioned JSON: {"type": "<kind>.v<N>", …}.
    payload TEXT NOT NULL,
    recipient TEXT NOT NULL,
    recipient_name TEXT,
    locale TEXT NOT NULL CHECK (locale IN ('en', 'zh-Hans', 'zh-Hant')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    -- While `sending`: the lease. A worker that dies leaves the row to be claimed again after it.
    claimed_until TIMESTAMP,
    last_error TEXT,
    message_id TEXT NOT NULL UNIQUE,
    resend_of TEXT REFERENCES outbox (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_pavilion ON outbox (pavilion_id, id);
