-- The title's letters, digits and CJK characters, normalised by the search analyser (search::title_key), so that a
-- query equal to a title ranks that record first. Entries indexed before this migration hold '' until the next
-- publication or `gongkai search reindex`; they are still found, only without the exact-title boost.
ALTER TABLE search_entries ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
