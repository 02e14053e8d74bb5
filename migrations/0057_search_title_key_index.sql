-- Entries by their title key: a search with more matches than it may visit (store::estimate) still ranks every
-- entry whose whole title is the query first, and finds them here instead of among all the matches.
CREATE INDEX search_entries_title_key ON search_entries(title_key);
