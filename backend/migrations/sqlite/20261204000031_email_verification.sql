-- Email verification: new accounts prove their address with a one-time link before they create or
-- join organizations, accept invitations, register for events that ask for it or send requests.
-- Accounts made before this step registered under the old rules and keep their access.
ALTER TABLE users ADD COLUMN email_verified_at TEXT;
UPDATE users SET email_verified_at = created_at;

CREATE TABLE email_verifications (
    -- SHA-256 of the link's token; the token itself is only in the email.
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- The address the link was sent to: a link for an address the account no longer has is void.
    email      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX email_verifications_of ON email_verifications(user_id, created_at);

-- Whether registering for an event needs a verified email (the organizer's choice; on by default).
ALTER TABLE events ADD COLUMN verified_email_required INTEGER NOT NULL DEFAULT 1;
