ALTER TABLE outbox DROP COLUMN waiting_for_server;
