-- A text index for directory search on SQLite, which LIKE '%word%' cannot use: without it, a
-- word no published row contains reads every row (1.7 s at 1000 pavilions).
-- Each published table gets an FTS5 table with the trigram tokenizer (every three-character
-- sequence is a token, so a phrase query is a substring search, in any script). It is contentless
-- (content = ''): it holds only the index, and `search_rowid` links each row to its entry.
-- The link is a column of our own rather than the table's rowid, which VACUUM may renumber;
-- FTS5 rowids are stable. Triggers keep the index in step with every insert, delete (foreign-key
-- cascades included) and change of the searchable text; a contentless index is told what to
-- remove by the old values, which the triggers have.
-- Two Chinese characters have no trigram, but ' 西湖 ' (a whole token of search_bigrams, spaces
-- included) has two, as on PostgreSQL.
ALTER TABLE published_works ADD COLUMN search_rowid INTEGER;
CREATE VIRTUAL TABLE published_works_search USING fts5(search_text, search_bigrams, content = '', tokenize = 'trigram');
INSERT INTO published_works_search (rowid, search_text, search_bigrams) SELECT rowid, search_text, search_bigrams FROM published_works;
UPDATE published_works SET search_rowid = rowid;
CREATE INDEX published_works_search_rowid ON published_works (search_rowid);
CREATE TRIGGER published_works_indexed AFTER INSERT ON published_works BEGIN
    INSERT INTO published_works_search (search_text, search_bigrams) VALUES (NEW.search_text, NEW.search_bigrams);
    UPDATE published_works SET search_rowid = last_insert_rowid() WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER published_works_unindexed AFTER DELETE ON published_works WHEN OLD.search_rowid IS NOT NULL BEGIN
    INSERT INTO published_works_search (published_works_search, rowid, search_text, search_bigrams)
        VALUES ('delete', OLD.search_rowid, OLD.search_text, OLD.search_bigrams);
END;
CREATE TRIGGER published_works_reindexed AFTER UPDATE OF search_text, search_bigrams ON published_works BEGIN
    INSERT INTO published_works_search (published_works_search, rowid, search_text, search_bigrams)
        VALUES ('delete', OLD.search_rowid, OLD.search_text, OLD.search_bigrams);
    INSERT INTO published_works_search (rowid, search_text, search_bigrams) VALUES (OLD.search_rowid, NEW.search_text, NEW.search_bigrams);
END;
ALTER TABLE published_exhibitors ADD COLUMN search_rowid INTEGER;
CREATE VIRTUAL TABLE published_exhibitors_search USING fts5(search_text, search_bigrams, content = '', tokenize = 'trigram');
INSERT INTO published_exhibitors_search (rowid, search_text, search_bigrams) SELECT rowid, search_text, search_bigrams FROM published_exhibitors;
UPDATE published_exhibitors SET search_rowid = rowid;
CREATE INDEX published_exhibitors_search_rowid ON published_exhibitors (search_rowid);
CREATE TRIGGER published_exhibitors_indexed AFTER INSERT ON published_exhibitors BEGIN
    INSERT INTO published_exhibitors_search (search_text, search_bigrams) VALUES (NEW.search_text, NEW.search_bigrams);
    UPDATE published_exhibitors SET search_rowid = last_insert_rowid() WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER published_exhibitors_unindexed AFTER DELETE ON published_exhibitors WHEN OLD.search_rowid IS NOT NULL BEGIN
    INSERT INTO published_exhibitors_search (published_exhibitors_search, rowid, search_text, search_bigrams)
        VALUES ('delete', OLD.search_rowid, OLD.search_text, OLD.search_bigrams);
END;
CREATE TRIGGER published_exhibitors_reindexed AFTER UPDATE OF search_text, search_bigrams ON published_exhibitors BEGIN
    INSERT INTO published_exhibitors_search (published_exhibitors_search, rowid, search_text, search_bigrams)
        VALUES ('delete', OLD.search_rowid, OLD.search_text, OLD.search_bigrams);
    INSERT INTO published_exhibitors_search (rowid, search_text, search_bigrams) VALUES (OLD.search_rowid, NEW.search_text, NEW.search_bigrams);
END;
