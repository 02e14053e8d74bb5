-- "我的申请": applicants sign in with a one-time link sent to the e-mail address they gave in their applications,
-- and then see all their requests without the query codes. Only hashes of the link and session tokens are stored;
-- the address is kept in the session row for its lifetime (it selects the requests) and removed with it.
CREATE TABLE applicant_links (
  token_hash  TEXT PRIMARY KEY,
  email       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX applicant_links_expires ON applicant_links(expires_at);

CREATE TABLE applicant_sessions (
  token_hash  TEXT PRIMARY KEY,
  email       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX applicant_sessions_expires ON applicant_sessions(expires_at);

-- Link requests, for throttling (by client address and by a hash of the address asked for).
CREATE TABLE applicant_link_attempts (
  id          @ID@,
  at          TEXT NOT NULL,
  address     TEXT NOT NULL,
  email_hash  TEXT NOT NULL
);
CREATE INDEX applicant_link_attempts_address ON applicant_link_attempts(address, at);
CREATE INDEX applicant_link_attempts_email ON applicant_link_attempts(email_hash, at);
CREATE INDEX requests_email ON requests(LOWER(email));
