-- The plain text of each search entry (for snippets) moves out of search_entries into its own table. With bodies
-- inline (laws run to 100 KB), every match of a common term that the ranking or the facet counts touched dragged
-- its row's overflow pages through the page cache, and a column after the body (title_key) meant walking the
-- whole overflow chain: 0.4 s for one term over 20,000 documents on SQLite. Only the page of hits reads bodies now.
CREATE TABLE search_bodies (
  entry_id  @BIGINT@ PRIMARY KEY REFERENCES search_entries(id) ON DELETE CASCADE,
  body      TEXT NOT NULL
);
INSERT INTO search_bodies (entry_id, body) SELECT id, body FROM search_entries;
ALTER TABLE search_entries DROP COLUMN body;
