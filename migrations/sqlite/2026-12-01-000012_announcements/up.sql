-- An announcement: one message written once (subject and body in up to three languages) and
-- queued in the outbox for each person of its audience, in the same transaction.
CREATE TABLE announcements (
    id TEXT PRIMARY KEY NOT NULL,
    -- The pavilion that sends it, in its email identity; NULL for the organiser's, sent in the
    -- deployment's to whichever pavilions it chose.
    pavilion_id TEXT REFERENCES pavilions (id),
    author_id TEXT REFERENCES users (id),
    -- {"en": …, "zh-Hans": …, "zh-Hant": …}
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    -- JSON arrays: the roles written to, and the slugs of the pavilions reached.
    audience TEXT NOT NULL,
    pavilions TEXT NOT NULL,
    recipients BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX announcements_pavilion ON announcements (pavilion_id, id);
-- The messages of one announcement, counted by status for its delivery figures.
ALTER TABLE outbox ADD COLUMN announcement_id TEXT REFERENCES announcements (id);
CREATE INDEX outbox_announcement ON outbox (announcement_id, status);
