-- The counts behind the login, reset and upload limits when every replica must share them
-- (PostgreSQL). A key is kept as its SHA-256, so the table holds no email or client address.
CREATE TABLE throttle_counts (
    bucket TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_attempt TIMESTAMP NOT NULL,
    PRIMARY KEY (bucket, key_hash)
);
-- Old records are deleted by age.
CREATE INDEX throttle_counts_by_last_attempt ON throttle_counts (last_attempt);
