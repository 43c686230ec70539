ALTER TABLE published_exhibitors DROP COLUMN search_bigrams;
ALTER TABLE published_works DROP COLUMN search_bigrams;
