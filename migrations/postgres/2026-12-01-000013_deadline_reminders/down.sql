DROP TABLE reminders;
DROP TABLE reminder_rounds;
ALTER TABLE pavilions DROP COLUMN time_zone;
ALTER TABLE pavilions DROP COLUMN reminder_days;
