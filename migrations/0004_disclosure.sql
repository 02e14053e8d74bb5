-- 主动公开 (proactive disclosure): columns, documents and their editions, related-document links, personal-data
-- overrides, the 索引号 counters and the public ledger. Published editions are never updated in place: a change is a
-- new edition; withdrawal and repeal are recorded on the document and in the ledger.

-- 栏目: a tree managed by the openness office. update_interval_days is the longest a column may go without a new
-- document before oversight flags it (国办秘函〔2019〕19号); NULL means no expectation.
CREATE TABLE columns (
  id                   @ID@,
  parent_id            @BIGINT@ REFERENCES columns(id),
  slug                 TEXT NOT NULL,
  name                 TEXT NOT NULL,
  description          TEXT NOT NULL DEFAULT '',
  required             INTEGER NOT NULL DEFAULT 0,   -- one of the four statutory first-level columns
  update_interval_days INTEGER,
  sort_order           INTEGER NOT NULL DEFAULT 0,
  active               INTEGER NOT NULL DEFAULT 1,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX columns_slug ON columns(slug);
CREATE INDEX columns_parent ON columns(parent_id, sort_order);

-- The four first-level columns every government's disclosure platform must have (DOMAIN §2).
INSERT INTO columns (slug, name, description, required, update_interval_days, sort_order, created_at, updated_at) VALUES
  ('guide', '政府信息公开指南', '公开的范围、方式和程序，申请的渠道，政府信息公开工作机构的联系方式（条例第十二条）。', 1, NULL, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('rules', '政府信息公开制度', '本机关政府信息公开工作的制度规定。', 1, NULL, 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('statutory', '法定主动公开内容', '条例第十九条、第二十条、第二十一条规定应当主动公开的政府信息。', 1, 180, 3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('annual-reports', '政府信息公开年报', '本机关政府信息公开工作年度报告（条例第四十九条、第五十条）。', 1, 366, 4, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

-- 索引号 serials: one row per issuing unit per year; the serial only grows, so a number is never reused.
CREATE TABLE index_no_counters (
  unit_id     @BIGINT@ NOT NULL REFERENCES units(id),
  year        INTEGER NOT NULL,
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year)
);

-- 政府信息: one row per document. `state` is the public life of the document (draft until first published, then
-- published, withdrawn or repealed). The working copy and the history are in editions.
CREATE TABLE documents (
  id                  @ID@,
  unit_id             @BIGINT@ NOT NULL REFERENCES units(id),
  column_id           @BIGINT@ REFERENCES columns(id),
  index_no            TEXT,                 -- allocated at first publication
  state               TEXT NOT NULL,        -- draft | published | withdrawn | repealed
  published_edition   INTEGER,              -- edition_no the public sees (NULL before first publication)
  first_published_at  TEXT,
  last_published_at   TEXT,
  withdrawn_at        TEXT,
  withdrawal_reason   TEXT NOT NULL DEFAULT '',
  repealed_on         TEXT,                 -- local date
  repeal_note         TEXT NOT NULL DEFAULT '',
  source_key          TEXT,                 -- import identity (re-running an import does not duplicate)
  created_by          @BIGINT@ REFERENCES users(id),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX documents_index_no ON documents(index_no);
CREATE UNIQUE INDEX documents_source_key ON documents(source_key);
CREATE INDEX documents_public ON documents(state, last_published_at, id);
CREATE INDEX documents_column ON documents(column_id, state, last_published_at);
CREATE INDEX documents_unit ON documents(unit_id, state, last_published_at);

-- 版本: every edition with the full official metadata. status: draft | submitted | approved | scheduled |
-- published | superseded. A published or superseded edition is frozen (triggers below).
CREATE TABLE editions (
  id                  @ID@,
  document_id         @BIGINT@ NOT NULL REFERENCES documents(id),
  edition_no          INTEGER NOT NULL,
  status              TEXT NOT NULL,
  change_kind         TEXT NOT NULL DEFAULT 'major',   -- major | minor
  change_note         TEXT NOT NULL DEFAULT '',
  title               TEXT NOT NULL,
  summary             TEXT NOT NULL DEFAULT '',
  body_md             TEXT NOT NULL DEFAULT '',
  issuer_name         TEXT NOT NULL DEFAULT '',        -- 发布机构 as printed (defaults to the unit's name)
  doc_no              TEXT NOT NULL DEFAULT '',        -- 文号
  written_on          TEXT,                            -- 成文日期
  formed_on           TEXT,                            -- 信息形成（变更）日期, starts the 20-working-day limit
  topic               TEXT NOT NULL DEFAULT '',        -- 主题分类 code (config/disclosure.json)
  keywords            TEXT NOT NULL DEFAULT '',        -- 主题词, separated by spaces or ；
  validity            TEXT NOT NULL DEFAULT 'in_force',-- in_force | expired | repealed | amended (as declared)
  effective_on        TEXT,
  expires_on          TEXT,
  disclosure_mode     TEXT NOT NULL DEFAULT 'proactive', -- proactive | on_request | withheld (公文公开属性)
  withheld_reason     TEXT NOT NULL DEFAULT '',
  info_class          TEXT NOT NULL DEFAULT '',        -- one of the seed's five classes
  legal_category      TEXT NOT NULL DEFAULT '',        -- 条例 Art. 20/21 item
  domain              TEXT NOT NULL DEFAULT '',        -- one of the 26 领域 of the standard catalogue
  catalogue_entry_id  @BIGINT@,
  author_id           @BIGINT@ REFERENCES users(id),
  submitted_at        TEXT,
  reviewer_id         @BIGINT@ REFERENCES users(id),
  review_opinion      TEXT NOT NULL DEFAULT '',
  reviewed_at         TEXT,
  rejection_reason    TEXT NOT NULL DEFAULT '',
  urgent              INTEGER NOT NULL DEFAULT 0,      -- published by a supervisor without prior review
  review_pending      INTEGER NOT NULL DEFAULT 0,      -- urgent and not yet reviewed afterwards
  publish_at          TEXT,                            -- scheduled publication time (UTC)
  published_at        TEXT,
  published_by        @BIGINT@ REFERENCES users(id),
  published_on        TEXT,                            -- local date of publication
  working_days_to_publish INTEGER,                     -- from formed_on to published_on (条例 Art. 26)
  timely              INTEGER,                         -- 1 if within 20 working days, 0 if not, NULL unknown
  body_html           TEXT NOT NULL DEFAULT '',        -- rendered at publication
  content_hash        TEXT NOT NULL DEFAULT '',        -- what the ledger holds for this edition
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX editions_document_no ON editions(document_id, edition_no);
CREATE INDEX editions_status ON editions(status, publish_at);

-- A frozen edition refuses changes to what was published; only its status may move on (published → superseded).
-- @sqlite
CREATE TRIGGER editions_frozen BEFORE UPDATE ON editions
WHEN OLD.status IN ('published', 'superseded') AND (
  NEW.title IS NOT OLD.title OR NEW.summary IS NOT OLD.summary OR NEW.body_md IS NOT OLD.body_md OR
  NEW.body_html IS NOT OLD.body_html OR NEW.doc_no IS NOT OLD.doc_no OR NEW.issuer_name IS NOT OLD.issuer_name OR
  NEW.written_on IS NOT OLD.written_on OR NEW.published_at IS NOT OLD.published_at OR
  NEW.content_hash IS NOT OLD.content_hash OR NEW.validity IS NOT OLD.validity OR NEW.expires_on IS NOT OLD.expires_on)
BEGIN
  SELECT RAISE(ABORT, 'published editions are frozen');
END;
CREATE TRIGGER editions_no_delete BEFORE DELETE ON editions
WHEN OLD.status IN ('published', 'superseded')
BEGIN
  SELECT RAISE(ABORT, 'published editions are frozen');
END;
-- @end
-- @postgresql
CREATE FUNCTION editions_frozen() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'published editions are frozen';
  END IF;
  IF NEW.title IS DISTINCT FROM OLD.title OR NEW.summary IS DISTINCT FROM OLD.summary OR
     NEW.body_md IS DISTINCT FROM OLD.body_md OR NEW.body_html IS DISTINCT FROM OLD.body_html OR
     NEW.doc_no IS DISTINCT FROM OLD.doc_no OR NEW.issuer_name IS DISTINCT FROM OLD.issuer_name OR
     NEW.written_on IS DISTINCT FROM OLD.written_on OR NEW.published_at IS DISTINCT FROM OLD.published_at OR
     NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.validity IS DISTINCT FROM OLD.validity OR
     NEW.expires_on IS DISTINCT FROM OLD.expires_on THEN
    RAISE EXCEPTION 'published editions are frozen';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER editions_frozen BEFORE UPDATE OR DELETE ON editions
FOR EACH ROW WHEN (OLD.status IN ('published', 'superseded')) EXECUTE FUNCTION editions_frozen();
-- @end

-- Attachments of an edition, stored content-addressed (blobs/ in the data folder). A new edition copies the rows.
CREATE TABLE edition_attachments (
  id           @ID@,
  edition_id   @BIGINT@ NOT NULL REFERENCES editions(id),
  position     INTEGER NOT NULL,
  file_name    TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  size_bytes   @BIGINT@ NOT NULL,
  mime         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  text         TEXT NOT NULL DEFAULT '',   -- extracted text (search, personal-data check)
  created_at   TEXT NOT NULL
);
CREATE INDEX edition_attachments_edition ON edition_attachments(edition_id, position);

-- 政策解读 ↔ policy (and other relations), shown on both documents' pages.
CREATE TABLE document_links (
  from_document_id @BIGINT@ NOT NULL REFERENCES documents(id),
  to_document_id   @BIGINT@ NOT NULL REFERENCES documents(id),
  kind             TEXT NOT NULL,            -- interprets | related
  created_at       TEXT NOT NULL,
  PRIMARY KEY (from_document_id, to_document_id, kind)
);
CREATE INDEX document_links_to ON document_links(to_document_id);

-- A reviewer's decision that a personal-data finding is not personal data to be masked (e.g. a published office
-- line), with the reason. Keyed by a hash of the value so the value itself is not copied here.
CREATE TABLE privacy_overrides (
  id           @ID@,
  document_id  @BIGINT@ NOT NULL REFERENCES documents(id),
  kind         TEXT NOT NULL,
  value_hash   TEXT NOT NULL,
  masked       TEXT NOT NULL,
  reason       TEXT NOT NULL,
  granted_by   @BIGINT@ NOT NULL REFERENCES users(id),
  granted_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX privacy_overrides_value ON privacy_overrides(document_id, kind, value_hash);

-- 公开台账 (the public ledger): one entry per publication, new edition, withdrawal and repeal, each holding the
-- content hash and chained to the previous entry. ledger_head serialises appends (one row, locked by the writer).
CREATE TABLE ledger_entries (
  seq            @BIGINT@ PRIMARY KEY,
  at             TEXT NOT NULL,
  action         TEXT NOT NULL,           -- publish | new_edition | withdraw | repeal
  document_id    @BIGINT@ NOT NULL REFERENCES documents(id),
  edition_no     INTEGER NOT NULL,
  index_no       TEXT NOT NULL,
  title          TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  entry_hash     TEXT NOT NULL
);
CREATE INDEX ledger_entries_document ON ledger_entries(document_id, seq);

CREATE TABLE ledger_head (
  id         INTEGER PRIMARY KEY,
  seq        @BIGINT@ NOT NULL,
  entry_hash TEXT NOT NULL
);
INSERT INTO ledger_head (id, seq, entry_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed checkpoints: the head of the chain at a moment, signed with the site's Ed25519 key.
CREATE TABLE ledger_checkpoints (
  id          @ID@,
  seq         @BIGINT@ NOT NULL,
  entry_hash  TEXT NOT NULL,
  signed_at   TEXT NOT NULL,
  public_key  TEXT NOT NULL,   -- hex
  signature   TEXT NOT NULL    -- hex, over "gongkai-ledger/1\n{seq}\n{entry_hash}\n{signed_at}"
);
CREATE INDEX ledger_checkpoints_seq ON ledger_checkpoints(seq);

-- 标准目录: the unit's standard catalogue of what it must publish (DOMAIN §2).
CREATE TABLE catalogue_entries (
  id              @ID@,
  unit_id         @BIGINT@ NOT NULL REFERENCES units(id),
  domain          TEXT NOT NULL DEFAULT '',    -- one of the 26 领域
  item_l1         TEXT NOT NULL,               -- 一级事项
  item_l2         TEXT NOT NULL DEFAULT '',    -- 二级事项
  content         TEXT NOT NULL DEFAULT '',    -- 公开内容（要素）
  basis           TEXT NOT NULL DEFAULT '',    -- 公开依据
  time_limit      TEXT NOT NULL DEFAULT '',    -- 公开时限
  subject         TEXT NOT NULL DEFAULT '',    -- 公开主体
  channels        TEXT NOT NULL DEFAULT '',    -- 公开渠道和载体
  audience        TEXT NOT NULL DEFAULT '',    -- 公开对象: 全社会 / 特定群众
  mode            TEXT NOT NULL DEFAULT '',    -- 公开方式: 主动 / 依申请
  level           TEXT NOT NULL DEFAULT '',    -- 公开层级: 区级 / 乡、村级
  sort_order      INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX catalogue_entries_item ON catalogue_entries(unit_id, item_l1, item_l2);
