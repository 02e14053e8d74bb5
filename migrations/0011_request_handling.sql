-- 依申请公开, continued: review and litigation records (table 四 of the annual report), co-handling units with one
-- unified reply from the lead unit, the sensitive-case record (supervisor sign-off, talk with the applicant),
-- applications split into several, and proactive-disclosure drafts made from released information (条例 Art. 44).

-- 行政复议 and 行政诉讼 against a request's handling (条例 Art. 51). `after_review` = 1 for a suit filed after an
-- administrative review (复议后起诉); `result` is upheld (维持) | corrected (纠正) | other (其他) | pending (尚未审结),
-- `decided_on` is set once the result is known.
CREATE TABLE request_appeals (
  id          @ID@,
  request_id  @BIGINT@ NOT NULL REFERENCES requests(id),
  kind        TEXT NOT NULL,                 -- review | litigation
  after_review INTEGER NOT NULL DEFAULT 0,
  filed_on    TEXT NOT NULL,
  authority   TEXT NOT NULL,                 -- 复议机关 or 人民法院
  result      TEXT NOT NULL DEFAULT 'pending',
  decided_on  TEXT,
  note        TEXT NOT NULL DEFAULT '',
  created_by  @BIGINT@ REFERENCES users(id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX request_appeals_request ON request_appeals(request_id, id);
CREATE INDEX request_appeals_filed ON request_appeals(filed_on);

-- 会办: other units asked to contribute to a request that spans their remits. The request's own unit leads and sends
-- the one unified reply; each co-handling unit answers with its contribution.
CREATE TABLE request_cohandlers (
  id              @ID@,
  request_id      @BIGINT@ NOT NULL REFERENCES requests(id),
  unit_id         @BIGINT@ NOT NULL REFERENCES units(id),
  asked_on        TEXT NOT NULL,
  asked_by        @BIGINT@ REFERENCES users(id),
  question        TEXT NOT NULL DEFAULT '',
  contribution    TEXT NOT NULL DEFAULT '',
  answered_on     TEXT NOT NULL DEFAULT '',
  answered_by     @BIGINT@ REFERENCES users(id),
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX request_cohandlers_unit ON request_cohandlers(request_id, unit_id);
CREATE INDEX request_cohandlers_by_unit ON request_cohandlers(unit_id, request_id);

-- 敏感申请: flagged by a handler; the reply cannot be approved until the talk with the applicant is recorded and
-- the openness office has signed the handling off.
CREATE TABLE request_sensitivity (
  request_id     @BIGINT@ PRIMARY KEY REFERENCES requests(id),
  reason         TEXT NOT NULL,
  flagged_by     @BIGINT@ REFERENCES users(id),
  flagged_at     TEXT NOT NULL,
  talk_on        TEXT NOT NULL DEFAULT '',
  talk_way       TEXT NOT NULL DEFAULT '',      -- 当面 | 电话 | 视频 …
  talk_record    TEXT NOT NULL DEFAULT '',
  signed_off_by  @BIGINT@ REFERENCES users(id),
  signed_off_at  TEXT NOT NULL DEFAULT '',
  sign_off_opinion TEXT NOT NULL DEFAULT ''
);

-- 一事一申请: the parent keeps the first matter; each other matter becomes a request of its own, received the same day,
-- followed with the same query code.
CREATE TABLE request_splits (
  child_id    @BIGINT@ PRIMARY KEY REFERENCES requests(id),
  parent_id   @BIGINT@ NOT NULL REFERENCES requests(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX request_splits_parent ON request_splits(parent_id);

-- 条例 Art. 44: information released on request that many ask for, or that concerns the public, becomes a
-- proactive-disclosure draft.
CREATE TABLE request_proactive_drafts (
  id           @ID@,
  request_id   @BIGINT@ NOT NULL REFERENCES requests(id),
  document_id  @BIGINT@ NOT NULL REFERENCES documents(id),
  created_by   @BIGINT@ REFERENCES users(id),
  created_at   TEXT NOT NULL
);
CREATE INDEX request_proactive_drafts_request ON request_proactive_drafts(request_id);
