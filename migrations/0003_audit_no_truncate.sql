-- The audit log's row triggers (0001) do not fire on TRUNCATE; refuse that too on PostgreSQL. SQLite has no
-- TRUNCATE (its "DELETE FROM" without WHERE is already refused row by row).
-- @postgresql
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
-- @end
