-- Staff API tokens for bulk work over /api/v1 (e.g. loading documents from an old system). A token acts as its
-- owner, with the owner's roles and unit, checked by the same services as the pages. Only a SHA-256 of the token is
-- stored; the token itself is shown once when it is created.
CREATE TABLE api_tokens (
  id            @ID@,
  user_id       @BIGINT@ NOT NULL REFERENCES users(id),
  name          TEXT NOT NULL,
  token_hash    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  last_used_at  TEXT,
  revoked_at    TEXT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens(token_hash);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
