-- Reminders before a pavilion's profile deadline: how many days before (a JSON array, largest
-- first), and the time zone its deadline is told in.
ALTER TABLE pavilions ADD COLUMN reminder_days TEXT NOT NULL DEFAULT '[14,3]';
ALTER TABLE pavilions ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
-- One row per pavilion, deadline and offset once its reminders went out (or were passed over
-- for a later offset that came due at the same time, after downtime). The key is what makes a
-- round happen once, whichever server replica reaches it first.
CREATE TABLE reminder_rounds (
    pavilion_id TEXT NOT NULL REFERENCES pavilions (id),
    deadline TIMESTAMP NOT NULL,
    offset_days INTEGER NOT NULL,
    ran_at TIMESTAMP NOT NULL,
    reminded BIGINT NOT NULL,
    superseded BOOLEAN NOT NULL,
    PRIMARY KEY (pavilion_id, deadline, offset_days)
);
-- Each company reminded, once per deadline and offset.
CREATE TABLE reminders (
    pavilion_id TEXT NOT NULL,
    exhibitor_id TEXT NOT NULL,
    deadline TIMESTAMP NOT NULL,
    offset_days INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (pavilion_id, exhibitor_id, deadline, offset_days),
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id)
);
