-- Set on a message put back because the SMTP server could not be reached (not because it
-- answered about this message): once the server is reached again, such messages are tried at
-- once instead of waiting out a back-off that grew during the outage.
ALTER TABLE outbox ADD COLUMN waiting_for_server BOOLEAN NOT NULL DEFAULT FALSE;
