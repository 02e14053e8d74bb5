-- Search over everything public. One entry per public record (documents now; letters' replies, consultations and
-- other records join with their own `kind`), holding what the filters, facets and snippets need, and the analysed
-- tokens in the backend's own full-text index. Entries change in the same transaction as the record they mirror.
CREATE TABLE search_entries (
  id            @ID@,
  kind          TEXT NOT NULL,                 -- document
  record_id     @BIGINT@ NOT NULL,
  unit_id       @BIGINT@ NOT NULL,
  column_id     @BIGINT@,
  info_class    TEXT NOT NULL DEFAULT '',
  topic         TEXT NOT NULL DEFAULT '',
  validity      TEXT NOT NULL DEFAULT '',      -- declared validity (in_force | expired | repealed | amended)
  expires_on    TEXT NOT NULL DEFAULT '',
  repealed_on   TEXT NOT NULL DEFAULT '',
  published_at  TEXT NOT NULL,                 -- latest publication, UTC ISO
  year          INTEGER NOT NULL,              -- year of the latest publication (Beijing time)
  title         TEXT NOT NULL,
  doc_no        TEXT NOT NULL DEFAULT '',      -- 文号
  index_no      TEXT NOT NULL DEFAULT '',      -- 索引号
  body          TEXT NOT NULL DEFAULT '',      -- plain text (summary, body, attachments) for snippets
  indexed_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX search_entries_record ON search_entries(kind, record_id);
CREATE INDEX search_entries_published ON search_entries(published_at, id);
CREATE INDEX search_entries_unit ON search_entries(unit_id);

-- @sqlite
-- FTS5 over the analysed tokens (space-separated; the ascii tokenizer splits on ASCII spaces and leaves every
-- non-ASCII byte inside its token). rowid = search_entries.id.
CREATE VIRTUAL TABLE search_fts USING fts5(title, doc_no, body, tokenize = 'ascii');
-- @end
-- @postgresql
-- tsvector literals built by the analyser (no PostgreSQL parser involved), in passages of at most 16,000
-- positions — PostgreSQL caps positions at 16,383 — overlapping by 64 tokens, so a phrase of up to 64 tokens is
-- always inside one passage. Title (weight A) and 文号/索引号 (B) are in passage 0.
CREATE TABLE search_passages (
  entry_id    BIGINT NOT NULL REFERENCES search_entries(id) ON DELETE CASCADE,
  passage_no  INTEGER NOT NULL,
  tsv         tsvector NOT NULL,
  PRIMARY KEY (entry_id, passage_no)
);
CREATE INDEX search_passages_tsv ON search_passages USING GIN (tsv);
-- @end

-- What people searched for, without who: the normalised query with personal numbers masked, the filters, how
-- many results, how long it took. Feeds the staff page of frequent and zero-result searches (热点).
CREATE TABLE search_log (
  id           @ID@,
  searched_at  TEXT NOT NULL,
  query        TEXT NOT NULL,
  filters      TEXT NOT NULL DEFAULT '',
  results      @BIGINT@ NOT NULL,
  took_ms      INTEGER NOT NULL
);
CREATE INDEX search_log_at ON search_log(searched_at);
