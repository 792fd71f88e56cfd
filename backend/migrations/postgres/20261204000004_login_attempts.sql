-- Sign-in attempts are counted per email and client address (a stranger guessing from elsewhere
-- no longer locks the owner out), and each takes its row before its password is checked.
ALTER TABLE login_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_client ON login_failures(client, failed_at);
