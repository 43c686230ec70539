DROP INDEX published_exhibitors_bigrams;
DROP INDEX published_works_bigrams;
DROP INDEX published_exhibitors_search;
DROP INDEX published_works_search;
ALTER TABLE published_exhibitors DROP COLUMN search_bigrams;
ALTER TABLE published_works DROP COLUMN search_bigrams;
