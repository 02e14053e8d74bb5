-- Facet counts group the matches by one integer. Grouping every match of a common term by the nine columns the
-- facets read (unit, column, kind, class, topic, validity with its dates, year) sorted nine text and number columns
-- per match in a temporary B-tree: 38 ms for 规定 over 20,000 documents on SQLite, against 9 ms by one integer. The
-- distinct combinations are few (units × columns × classes × years …), each stored once; entries point to theirs.
-- column_id 0 is "no column" (ids start at 1), so the combination is a plain unique key on both backends.
CREATE TABLE search_facet_groups (
  id           @ID@,
  unit_id      @BIGINT@ NOT NULL,
  column_id    @BIGINT@ NOT NULL,
  kind         TEXT NOT NULL,
  info_class   TEXT NOT NULL,
  topic        TEXT NOT NULL,
  validity     TEXT NOT NULL,
  expires_on   TEXT NOT NULL,
  repealed_on  TEXT NOT NULL,
  year         INTEGER NOT NULL,
  UNIQUE (unit_id, column_id, kind, info_class, topic, validity, expires_on, repealed_on, year)
);
INSERT INTO search_facet_groups (unit_id, column_id, kind, info_class, topic, validity, expires_on, repealed_on, year)
  SELECT DISTINCT unit_id, COALESCE(column_id, 0), kind, info_class, topic, validity, expires_on, repealed_on, year
  FROM search_entries;
ALTER TABLE search_entries ADD COLUMN facet_group @BIGINT@ NOT NULL DEFAULT 0;
UPDATE search_entries SET facet_group = (SELECT g.id FROM search_facet_groups g WHERE g.unit_id = search_entries.unit_id
  AND g.column_id = COALESCE(search_entries.column_id, 0) AND g.kind = search_entries.kind
  AND g.info_class = search_entries.info_class AND g.topic = search_entries.topic
  AND g.validity = search_entries.validity AND g.expires_on = search_entries.expires_on
  AND g.repealed_on = search_entries.repealed_on AND g.year = search_entries.year);
