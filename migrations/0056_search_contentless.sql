-- The fingerprint of the text analyser that made the index's tokens (search::analyser_fingerprint: the analyser's
-- code version, ICU's Unicode version, OpenCC's t2s data). A process whose analyser differs rebuilds the full-text
-- rows at start (SearchService::ensure_analyser) and refuses to write into an index it did not analyse. Empty:
-- not stamped yet; the first write stamps it (the tokens already there were made by this release's analyser).
ALTER TABLE search_state ADD COLUMN analyser TEXT NOT NULL DEFAULT '';

-- @sqlite
-- FTS5 without content: it kept its own copy of every analysed token (search_fts_content, half of the database:
-- 685 MB of 1.3 GB at 20,000 documents), read only to take a row out again. The tokens are made again from the
-- entry's stored text by the same analyser instead (the 'delete' command), which the fingerprint above guarantees.
-- bm25() needs only the index and the column sizes, both kept. The tokens move over as they are: no reindex.
CREATE VIRTUAL TABLE search_fts_contentless USING fts5(title, doc_no, body, tokenize = 'ascii', content = '');
INSERT INTO search_fts_contentless (rowid, title, doc_no, body) SELECT rowid, title, doc_no, body FROM search_fts;
DROP TABLE search_fts;
ALTER TABLE search_fts_contentless RENAME TO search_fts;
-- @end
