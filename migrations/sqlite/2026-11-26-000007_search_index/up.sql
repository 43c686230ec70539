-- PostgreSQL also gets trigram indexes for directory text search here. SQLite has no equivalent
-- that LIKE can use; the embedded default serves small markets, where reading the published
-- rows is fast enough (see tests/bench/directory.sh).
-- Two Chinese characters have no trigram, so the character pairs of every published text are
-- also kept as space-separated tokens (' 西湖 湖之 之恋 '), and a two-character search matches a
-- whole token ('% 西湖 %'), which the trigram index can answer.
ALTER TABLE published_works ADD COLUMN search_bigrams TEXT NOT NULL DEFAULT ' ';
ALTER TABLE published_exhibitors ADD COLUMN search_bigrams TEXT NOT NULL DEFAULT ' ';
