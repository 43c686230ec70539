DROP INDEX published_exhibitors_search;
DROP INDEX published_works_search;
