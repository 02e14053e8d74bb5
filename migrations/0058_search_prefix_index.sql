-- @sqlite
-- A prefix index of one character. A one-character query (税) asks for every token that begins with the character
-- (税务, 税收, … and the unigram 税); without this index FTS5 merges all their doclists into one for every statement
-- that reads them (1.4 s at 1,000,000 entries). With it the prefix has a doclist of its own, read like a token's,
-- and such queries are sampled like any other (store::estimate). The full-text index grows by about half.
-- A contentless table cannot be copied into another, so the new table starts empty and the stamp below makes the
-- next process that starts rebuild every full-text row from the stored text (SearchService::ensure_analyser), as
-- after an analyser change. A database without entries has nothing to rebuild and keeps its stamp.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(title, doc_no, body, tokenize = 'ascii', content = '', prefix = '1');
UPDATE search_state SET analyser = 'rebuild: prefix index (0058)' WHERE id = 1 AND EXISTS (SELECT 1 FROM search_entries);
-- @end
