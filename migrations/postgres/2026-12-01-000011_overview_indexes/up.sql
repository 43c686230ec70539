-- The market overview counts every pavilion's companies, works, mail and activity at once: these
-- indexes answer its grouped queries by themselves, without reading the rows (a company's row
-- carries its whole profile; the audit log and the outbox grow all season).
CREATE INDEX exhibitors_overview ON exhibitors (pavilion_id, status, completeness, submitted_at);
CREATE INDEX outbox_overview ON outbox (pavilion_id, status, updated_at);
-- The latest event of one pavilion is one step down this index.
CREATE INDEX audit_events_activity ON audit_events (pavilion_id, created_at);
