-- PostgreSQL's tenant tables are now keyed by (pavilion_id, id), for distribution by pavilion
-- (docs/scaling.md). SQLite, one file served by one process, is never distributed: its keys stay,
-- and this migration only keeps the two sets in step.
SELECT 1;
