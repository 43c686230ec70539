-- Text search of the directory: LIKE '%word%' on search_text is answered from trigram indexes
-- instead of reading every published row, so its cost does not grow with the number of
-- pavilions. pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+): the
-- database owner may create it. Patterns under three characters (two Chinese characters) have no
-- trigram and still read rows in id order until the page is full.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX published_works_search ON published_works USING gin (search_text gin_trgm_ops);
CREATE INDEX published_exhibitors_search ON published_exhibitors USING gin (search_text gin_trgm_ops);
