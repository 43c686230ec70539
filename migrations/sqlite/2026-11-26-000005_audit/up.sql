-- Append-only record of security and administration events. The application never updates or
-- deletes these rows.
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    -- NULL for deployment-level events (organiser accounts).
    pavilion_id TEXT REFERENCES pavilions (id),
    -- NULL when nobody is logged in (a failed login, a reset request).
    actor_id TEXT REFERENCES users (id),
    action TEXT NOT NULL,
    -- What the action was about, e.g. an email address or an account id.
    target TEXT,
    ip TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_events_pavilion ON audit_events (pavilion_id, id);
