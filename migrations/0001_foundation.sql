-- The foundation: settings, scheduled jobs, the organisation tree, staff accounts, sessions, login throttling and
-- the append-only audit log. Timestamps are UTC ISO 8601 text ("2026-11-28T08:30:00Z") on both backends;
-- booleans are 0/1 integers.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE scheduled_jobs (
  name        TEXT PRIMARY KEY,
  next_run_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT,
  last_run_at TEXT,
  last_status TEXT,
  last_error  TEXT
);

-- 单位: 区政府 → 部门 / 镇街 → 科室. The disclosure-office fields feed the 政府信息公开指南 (条例 Art. 12).
CREATE TABLE units (
  id                   @ID@,
  parent_id            @BIGINT@ REFERENCES units(id),
  kind                 TEXT NOT NULL,            -- government | department | town | section
  name                 TEXT NOT NULL,
  short_name           TEXT NOT NULL DEFAULT '',
  credit_code          TEXT,                     -- 统一社会信用代码 (GB 32100), unique when present
  address              TEXT NOT NULL DEFAULT '',
  postcode             TEXT NOT NULL DEFAULT '',
  office_hours         TEXT NOT NULL DEFAULT '',
  phone                TEXT NOT NULL DEFAULT '',
  fax                  TEXT NOT NULL DEFAULT '',
  email                TEXT NOT NULL DEFAULT '',
  website              TEXT NOT NULL DEFAULT '',
  head_name            TEXT NOT NULL DEFAULT '',
  head_title           TEXT NOT NULL DEFAULT '',
  leaders_json         TEXT NOT NULL DEFAULT '[]',
  functions            TEXT NOT NULL DEFAULT '',
  disclosure_office    TEXT NOT NULL DEFAULT '',
  disclosure_address   TEXT NOT NULL DEFAULT '',
  disclosure_hours     TEXT NOT NULL DEFAULT '',
  disclosure_phone     TEXT NOT NULL DEFAULT '',
  disclosure_fax       TEXT NOT NULL DEFAULT '',
  disclosure_email     TEXT NOT NULL DEFAULT '',
  disclosure_postcode  TEXT NOT NULL DEFAULT '',
  sort_order           INTEGER NOT NULL DEFAULT 0,
  active               INTEGER NOT NULL DEFAULT 1,
  version              INTEGER NOT NULL DEFAULT 1,   -- optimistic locking
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX units_credit_code ON units(credit_code);
CREATE UNIQUE INDEX units_parent_name ON units(parent_id, name);
CREATE INDEX units_parent ON units(parent_id, sort_order);

CREATE TABLE users (
  id                    @ID@,
  username              TEXT NOT NULL,
  display_name          TEXT NOT NULL,
  unit_id               @BIGINT@ NOT NULL REFERENCES units(id),
  password_hash         TEXT NOT NULL,
  must_change_password  INTEGER NOT NULL DEFAULT 1,
  disabled              INTEGER NOT NULL DEFAULT 0,
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  last_login_at         TEXT
);
CREATE UNIQUE INDEX users_username ON users(username);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE user_roles (
  user_id @BIGINT@ NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- Sessions live in the database so that any node behind the proxy can serve any request. The id column holds a
-- hash of the cookie's token, never the token itself.
CREATE TABLE sessions (
  id            TEXT PRIMARY KEY,
  user_id       @BIGINT@ NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE login_attempts (
  id        @ID@,
  at        TEXT NOT NULL,
  username  TEXT NOT NULL,
  address   TEXT NOT NULL,
  success   INTEGER NOT NULL
);
CREATE INDEX login_attempts_user ON login_attempts(username, at);
CREATE INDEX login_attempts_address ON login_attempts(address, at);

-- 审计日志: who did what to which record, when, from where, with before and after. Append-only: the triggers
-- below refuse UPDATE and DELETE on both backends.
CREATE TABLE audit_log (
  id           @ID@,
  at           TEXT NOT NULL,
  actor_id     @BIGINT@,
  actor_name   TEXT NOT NULL,
  actor_unit_id @BIGINT@,
  address      TEXT NOT NULL DEFAULT '',
  request_id   TEXT NOT NULL DEFAULT '',
  action       TEXT NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL DEFAULT '',
  entity_label TEXT NOT NULL DEFAULT '',
  unit_id      @BIGINT@,
  before_json  TEXT,
  after_json   TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
CREATE INDEX audit_log_at ON audit_log(at);

-- @sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- @end
-- @postgresql
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- @end
