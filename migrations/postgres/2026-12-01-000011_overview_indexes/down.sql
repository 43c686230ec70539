DROP INDEX audit_events_activity;
DROP INDEX outbox_overview;
DROP INDEX exhibitors_overview;
