DROP INDEX outbox_announcement;
ALTER TABLE outbox DROP COLUMN announcement_id;
DROP INDEX announcements_pavilion;
DROP TABLE announcements;
