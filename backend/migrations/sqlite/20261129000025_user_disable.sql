-- Site admins disable accounts: a disabled user cannot sign in and has no sessions.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
