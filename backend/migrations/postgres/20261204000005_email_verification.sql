-- Email verification: new accounts prove their address with a one-time link before they create or
-- join organizations, accept invitations, register for events that ask for it or send requests.
-- Accounts made before this step registered under the old rules and keep their access.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;
UPDATE users SET email_verified_at = created_at;

CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX email_verifications_of ON email_verifications(user_id, created_at);

ALTER TABLE events ADD COLUMN verified_email_required BOOLEAN NOT NULL DEFAULT TRUE;
