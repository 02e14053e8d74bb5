-- 依申请公开: disclosure requests, their clock pauses, timeline, internal notes and the throttle of the public
-- tracking page. Dates of the statutory clock are local calendar dates 'YYYY-MM-DD' ('' when not set);
-- timestamps are UTC ISO 8601 text. Personal data of applicants lives only in `requests` (name, ID, contact) and is
-- shown to the handling unit and the openness office only; the applicant's ID is also kept as a hash for the
-- duplicate rule, and the query code only as a hash.
CREATE TABLE requests (
  id                       @ID@,
  number                   TEXT NOT NULL,           -- YYYY-XXXXXXXX, random (does not reveal volumes)
  query_hash               TEXT NOT NULL,           -- SHA-256 of the query code shown once to the applicant
  unit_id                  @BIGINT@ NOT NULL REFERENCES units(id),
  state                    TEXT NOT NULL,
  channel                  TEXT NOT NULL,           -- 条例 Art. 31: in_person | post | ordinary_letter | online | fax
  received_on              TEXT NOT NULL,
  applicant_type           TEXT NOT NULL,           -- table 三 columns
  name                     TEXT NOT NULL,
  contact_person           TEXT NOT NULL DEFAULT '',
  id_type                  TEXT NOT NULL,
  id_number                TEXT NOT NULL,
  applicant_hash           TEXT NOT NULL,
  phone                    TEXT NOT NULL DEFAULT '',
  email                    TEXT NOT NULL DEFAULT '',
  address                  TEXT NOT NULL DEFAULT '',
  postcode                 TEXT NOT NULL DEFAULT '',
  description              TEXT NOT NULL,
  doc_no                   TEXT NOT NULL DEFAULT '',
  purpose                  TEXT NOT NULL DEFAULT '',
  delivery                 TEXT NOT NULL,
  supplement_items         TEXT NOT NULL DEFAULT '',  -- Art. 30: what to supplement
  supplement_due_on        TEXT NOT NULL DEFAULT '',  -- the applicant's deadline
  supplement_notice_on     TEXT NOT NULL DEFAULT '',
  supplement_received_on   TEXT NOT NULL DEFAULT '',
  supplement_text          TEXT NOT NULL DEFAULT '',
  extension_days           INTEGER NOT NULL DEFAULT 0,  -- Art. 33
  extension_approved_on    TEXT NOT NULL DEFAULT '',
  extension_reason         TEXT NOT NULL DEFAULT '',
  fee_basis                TEXT NOT NULL DEFAULT '',    -- Art. 42: by_count | by_pages
  fee_quantity             INTEGER NOT NULL DEFAULT 0,
  fee_amount               @BIGINT@ NOT NULL DEFAULT 0, -- yuan
  fee_notice_on            TEXT NOT NULL DEFAULT '',
  fee_paid_on              TEXT NOT NULL DEFAULT '',
  assignee_id              @BIGINT@ REFERENCES users(id),
  outcome                  TEXT NOT NULL DEFAULT '',    -- a row of table 三 section 三
  reply_text               TEXT NOT NULL DEFAULT '',
  replied_on               TEXT NOT NULL DEFAULT '',
  due_on                   TEXT NOT NULL DEFAULT '',    -- what the agency must meet now ('' while nothing is due)
  due_explanation          TEXT NOT NULL DEFAULT '',
  due_provisional          INTEGER NOT NULL DEFAULT 0,
  supplement_notice_due_on TEXT NOT NULL DEFAULT '',    -- Art. 30: 7 working days from receipt
  duplicate_of             @BIGINT@ REFERENCES requests(id),
  entered_by               @BIGINT@ REFERENCES users(id),  -- staff intake; NULL for online applications
  version                  INTEGER NOT NULL DEFAULT 1,
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL
);
CREATE UNIQUE INDEX requests_number ON requests(number);
CREATE INDEX requests_unit_state ON requests(unit_id, state, due_on);
CREATE INDEX requests_applicant ON requests(applicant_hash, unit_id, created_at);

-- Spans when the reply clock does not run (Art. 32, 34; fee notice to payment).
CREATE TABLE request_pauses (
  id            @ID@,
  request_id    @BIGINT@ NOT NULL REFERENCES requests(id),
  kind          TEXT NOT NULL,          -- third_party | agency | fee
  party         TEXT NOT NULL DEFAULT '',
  start_on      TEXT NOT NULL,
  delivered_on  TEXT NOT NULL DEFAULT '',
  end_on        TEXT NOT NULL DEFAULT '',
  opinion       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_pauses_request ON request_pauses(request_id, id);

-- The case's timeline. `public_text` is what the applicant sees on the tracking page ('' for staff-only steps);
-- `detail` is for staff.
CREATE TABLE request_events (
  id          @ID@,
  request_id  @BIGINT@ NOT NULL REFERENCES requests(id),
  at          TEXT NOT NULL,
  actor_id    @BIGINT@,
  actor_name  TEXT NOT NULL,
  action      TEXT NOT NULL,
  from_state  TEXT NOT NULL DEFAULT '',
  to_state    TEXT NOT NULL,
  public_text TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_events_request ON request_events(request_id, id);

-- Internal notes: never shown to the applicant.
CREATE TABLE request_notes (
  id          @ID@,
  request_id  @BIGINT@ NOT NULL REFERENCES requests(id),
  at          TEXT NOT NULL,
  actor_id    @BIGINT@,
  actor_name  TEXT NOT NULL,
  body        TEXT NOT NULL
);
CREATE INDEX request_notes_request ON request_notes(request_id, id);

-- Failed look-ups on the public tracking page, for throttling guesses (by address and by request number).
CREATE TABLE request_track_attempts (
  id       @ID@,
  at       TEXT NOT NULL,
  address  TEXT NOT NULL,
  number   TEXT NOT NULL,
  success  INTEGER NOT NULL
);
CREATE INDEX request_track_attempts_address ON request_track_attempts(address, at);
CREATE INDEX request_track_attempts_number ON request_track_attempts(number, at);
