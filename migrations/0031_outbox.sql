-- The outbox: every message to an applicant (a step of their request) or to staff (due-soon reminders) is written
-- here in the same transaction as the change it reports, and delivered afterwards by the scheduler job
-- notify.deliver (SMTP for e-mail; SMS through a pluggable channel, log-only by default). Failed deliveries are
-- retried with backoff and shown to staff, who can retry them. The recipient is personal data: the staff page
-- shows it masked, and logs never contain it.
CREATE TABLE outbox (
  id              @ID@,
  channel         TEXT NOT NULL,              -- email | sms
  recipient       TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  template        TEXT NOT NULL,              -- what the message reports: a request step code, or due_soon
  ref_type        TEXT NOT NULL DEFAULT '',   -- request
  ref_id          @BIGINT@,
  ref_label       TEXT NOT NULL DEFAULT '',   -- the request number (not personal data)
  unit_id         @BIGINT@ REFERENCES units(id),
  dedup_key       TEXT,                       -- when set, the message is written once (reminders)
  status          TEXT NOT NULL,              -- pending | sent | failed
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  message_id      TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  sent_at         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_ref ON outbox(ref_type, ref_id);
CREATE UNIQUE INDEX outbox_dedup ON outbox(dedup_key);
