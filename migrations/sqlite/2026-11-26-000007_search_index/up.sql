-- PostgreSQL gets trigram indexes for directory text search here. SQLite has no equivalent
-- that LIKE can use; the embedded default serves small markets, where reading the published
-- rows is fast enough (see tests/bench/directory.sh). Kept so both sets have the same versions.
SELECT 1;
