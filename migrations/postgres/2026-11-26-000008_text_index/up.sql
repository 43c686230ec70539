-- SQLite only: PostgreSQL searches the directory with the trigram indexes of 000007.
SELECT 1;
