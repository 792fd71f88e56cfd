-- Who may act as an organizer, and nobody put anywhere without saying yes.

-- Events and competitions are drafts until published; only verified organizations publish.
-- What exists already was public: it stays published.
ALTER TABLE events ADD COLUMN published_at TEXT;
UPDATE events SET published_at = created_at;
ALTER TABLE competitions ADD COLUMN published_at TEXT;
UPDATE competitions SET published_at = created_at;

-- Experts join a judging panel by accepting the organizers' invitation.
ALTER TABLE stage_judges ADD COLUMN status TEXT NOT NULL DEFAULT 'accepted'
    CHECK (status IN ('invited', 'accepted', 'declined'));
ALTER TABLE stage_judges ADD COLUMN invited_at TEXT;
ALTER TABLE stage_judges ADD COLUMN answered_at TEXT;
CREATE INDEX stage_judges_user ON stage_judges(user_id, status);

-- A speaker typed as an email is invited, never looked up: linked to an account only once the
-- person with that (verified) address accepts. Plain names are `named`.
ALTER TABLE session_speakers ADD COLUMN email TEXT;
ALTER TABLE session_speakers ADD COLUMN status TEXT NOT NULL DEFAULT 'named'
    CHECK (status IN ('named', 'invited', 'accepted', 'declined'));
UPDATE session_speakers SET status = 'accepted' WHERE user_id IS NOT NULL;
CREATE INDEX session_speakers_email ON session_speakers(email, status);

-- Team members join by accepting the leader's invitation; those already listed had joined.
ALTER TABLE team_members ADD COLUMN status TEXT NOT NULL DEFAULT 'joined' CHECK (status IN ('invited', 'joined'));

-- Invitations by email (speakers, team members) a user sent: at most so many a day, so the
-- platform's mail is nobody's relay.
CREATE TABLE invitation_sends (
    sender_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at        TEXT NOT NULL
);
CREATE INDEX invitation_sends_of ON invitation_sends(sender_id, at);

-- Event staff are invited by email and become staff when the person with that address accepts:
-- naming staff tells the organizers nothing about who has an account.
CREATE TABLE staff_invitations (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('manager', 'checkin')),
    invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (event_id, email)
);
CREATE INDEX staff_invitations_email ON staff_invitations(email);
