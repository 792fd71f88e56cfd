-- Invitation codes for invitation-only events: each for a group of invitees, with an optional
-- limit on how many registrations it admits.
CREATE TABLE event_invitations (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    code       TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    max_uses   INTEGER,
    uses       INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX event_invitations_of ON event_invitations(event_id);
