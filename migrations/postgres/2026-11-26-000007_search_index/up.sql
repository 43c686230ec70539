-- Text search of the directory: LIKE '%word%' on search_text is answered from trigram indexes
-- instead of reading every published row, so its cost does not grow with the number of
-- pavilions. pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+): the
-- database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- Two Chinese characters have no trigram, so the character pairs of every published text are
-- also kept as space-separated tokens (' 西湖 湖之 之恋 '), and a two-character search matches a
-- whole token ('% 西湖 %'), which the trigram index can answer.
ALTER TABLE published_works ADD COLUMN search_bigrams TEXT NOT NULL DEFAULT ' ';
ALTER TABLE published_exhibitors ADD COLUMN search_bigrams TEXT NOT NULL DEFAULT ' ';
CREATE INDEX published_works_search ON published_works USING gin (search_text gin_trgm_ops);
CREATE INDEX published_exhibitors_search ON published_exhibitors USING gin (search_text gin_trgm_ops);
CREATE INDEX published_works_bigrams ON published_works USING gin (search_bigrams gin_trgm_ops);
CREATE INDEX published_exhibitors_bigrams ON published_exhibitors USING gin (search_bigrams gin_trgm_ops);
