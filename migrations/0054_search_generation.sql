-- The index's generation: a number every change of search_entries raises, in the transaction that makes it. A cached
-- page of results is valid while the generation it was computed at is the one a reader sees in its snapshot, so a
-- publish or a withdrawal on any node empties every node's result cache at once, without messages between nodes.
CREATE TABLE search_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  generation  @BIGINT@ NOT NULL
);
INSERT INTO search_state (id, generation) VALUES (1, 0);

-- @sqlite
-- SQLite has one writer at a time: raising the counter row by row costs nothing and cannot wait on anyone.
CREATE TRIGGER search_entries_generation_insert AFTER INSERT ON search_entries
BEGIN UPDATE search_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER search_entries_generation_update AFTER UPDATE ON search_entries
BEGIN UPDATE search_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER search_entries_generation_delete AFTER DELETE ON search_entries
BEGIN UPDATE search_state SET generation = generation + 1 WHERE id = 1; END;
-- @end
-- @postgresql
-- Deferred to commit: the counter row is locked only while the transaction commits, never while it still takes
-- other locks, so two transactions that index documents cannot deadlock on it (nor wait on each other's work).
CREATE FUNCTION search_generation_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE search_state SET generation = generation + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER search_entries_generation AFTER INSERT OR UPDATE OR DELETE ON search_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION search_generation_raise();
-- @end
