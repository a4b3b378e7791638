-- Migration 6: full-text search over the journal.
--
-- Why: a person looking for the entry where they wrote about the sea, ten
-- years of entries back, should find it as they type. FTS5's trigram
-- tokenizer indexes every run of three characters, so a word is found
-- inside longer words and in any script (no spaces needed between words,
-- as in Japanese), without case and, for Latin letters, without accents.
-- docs/search.md says what it finds and what it cannot.
--
-- The index keeps no copy of the text: it reads `journal.body` (external
-- content), and the triggers below keep it in step with every insert,
-- change and delete, in the writer's own transaction, whoever writes.
-- The last statement builds it for the entries already there.
--
-- `detail = none`: the index says which entries hold a trigram, not where.
-- That makes it about a third of the size (0.8 MB instead of 2.7 MB for
-- the ten-year demo's journal) and the integrity check every write opens
-- with cheaper; the store asks for an entry holding all of a term's
-- trigrams and confirms the term itself in Rust (`domain::search`), which
-- it does anyway.
--
-- The runner wraps this file in a transaction; it must not BEGIN or COMMIT.

CREATE VIRTUAL TABLE journal_fts USING fts5 (
    body,
    content = 'journal',
    content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1',
    detail = none
);

CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal BEGIN
    INSERT INTO journal_fts (rowid, body) VALUES (new.id, new.body);
END;

CREATE TRIGGER journal_fts_delete AFTER DELETE ON journal BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;

-- Any change, not only of the text: an entry whose id changed must move
-- in the index too.
CREATE TRIGGER journal_fts_update AFTER UPDATE ON journal BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO journal_fts (rowid, body) VALUES (new.id, new.body);
END;

INSERT INTO journal_fts (journal_fts) VALUES ('rebuild');
