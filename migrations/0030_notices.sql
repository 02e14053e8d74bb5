-- 告知书 (notices to the applicant and letters of a disclosure request) and the files released with a reply.
-- Templates are edited by the openness office; every save adds a version (the shipped defaults in
-- config/notice_templates.json are version 0 and never stored). A notice is rendered and numbered when it is sent
-- and is frozen from then on (triggers refuse UPDATE and DELETE on both backends): what the applicant received is
-- what the database keeps. Numbers are per unit, year and kind, from counters that only grow (never reused).
CREATE TABLE notice_templates (
  id          @ID@,
  tkey        TEXT NOT NULL,          -- reply.<outcome> | remedies | review_body | court | supplement | consult
  version     INTEGER NOT NULL,       -- 1, 2, … per key
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  @BIGINT@ REFERENCES users(id)
);
CREATE UNIQUE INDEX notice_templates_key_version ON notice_templates(tkey, version);

CREATE TABLE notice_counters (
  unit_id     @BIGINT@ NOT NULL REFERENCES units(id),
  year        INTEGER NOT NULL,
  kind        TEXT NOT NULL,          -- reply | supplement | consult
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year, kind)
);

CREATE TABLE request_notices (
  id               @ID@,
  request_id       @BIGINT@ NOT NULL REFERENCES requests(id),
  kind             TEXT NOT NULL,     -- reply | supplement | consult
  unit_id          @BIGINT@ NOT NULL REFERENCES units(id),
  year             INTEGER NOT NULL,
  serial           INTEGER NOT NULL,
  notice_no        TEXT NOT NULL,
  title            TEXT NOT NULL,
  body             TEXT NOT NULL,     -- paragraphs, one per line, as sent
  issuer           TEXT NOT NULL,     -- the unit's name when it was sent
  issued_on        TEXT NOT NULL,     -- 'YYYY-MM-DD'
  template_key     TEXT NOT NULL,
  template_version INTEGER NOT NULL,  -- 0: the shipped default
  created_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX request_notices_no ON request_notices(notice_no);
CREATE UNIQUE INDEX request_notices_serial ON request_notices(unit_id, year, kind, serial);
CREATE INDEX request_notices_request ON request_notices(request_id, id);

-- Files released with a reply (条例 Art. 36 (二), 37). Stored content-addressed under <data>/blobs; reachable only
-- from the tracking page with number + query code, and by the handling unit's staff. Released with the reply
-- (released_on set): frozen from then on.
CREATE TABLE request_files (
  id          @ID@,
  request_id  @BIGINT@ NOT NULL REFERENCES requests(id),
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  size_bytes  @BIGINT@ NOT NULL,
  mime        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  added_by    @BIGINT@ REFERENCES users(id),
  added_at    TEXT NOT NULL,
  released_on TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_files_request ON request_files(request_id, id);

-- @sqlite
CREATE TRIGGER request_notices_frozen BEFORE UPDATE ON request_notices
BEGIN
  SELECT RAISE(ABORT, 'sent notices are frozen');
END;
CREATE TRIGGER request_notices_no_delete BEFORE DELETE ON request_notices
BEGIN
  SELECT RAISE(ABORT, 'sent notices are frozen');
END;
CREATE TRIGGER request_files_frozen BEFORE UPDATE ON request_files
WHEN OLD.released_on <> ''
BEGIN
  SELECT RAISE(ABORT, 'released files are frozen');
END;
CREATE TRIGGER request_files_no_delete BEFORE DELETE ON request_files
WHEN OLD.released_on <> ''
BEGIN
  SELECT RAISE(ABORT, 'released files are frozen');
END;
CREATE TRIGGER notice_templates_frozen BEFORE UPDATE ON notice_templates
BEGIN
  SELECT RAISE(ABORT, 'template versions are kept as saved');
END;
CREATE TRIGGER notice_templates_no_delete BEFORE DELETE ON notice_templates
BEGIN
  SELECT RAISE(ABORT, 'template versions are kept as saved');
END;
-- @end
-- @postgresql
CREATE FUNCTION notices_frozen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are frozen', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER request_notices_frozen BEFORE UPDATE OR DELETE ON request_notices
FOR EACH ROW EXECUTE FUNCTION notices_frozen();
CREATE TRIGGER request_files_frozen BEFORE UPDATE OR DELETE ON request_files
FOR EACH ROW WHEN (OLD.released_on <> '') EXECUTE FUNCTION notices_frozen();
CREATE TRIGGER notice_templates_frozen BEFORE UPDATE OR DELETE ON notice_templates
FOR EACH ROW EXECUTE FUNCTION notices_frozen();
-- @end
