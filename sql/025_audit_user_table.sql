-- The start page reads a user's own audit rows on one table, newest first (the parties they
-- changed lately, and how many in the last 7 days: cgi/home/start.c). With only (user_id, at) a
-- user's logins and other tables' rows would be read and thrown away; this makes both one range.
ALTER TABLE audit_log ADD INDEX IF NOT EXISTS ix_audit_user_table (user_id, table_name, at), ALGORITHM=INPLACE, LOCK=NONE;
