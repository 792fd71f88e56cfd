-- Who may act as an organizer, and nobody put anywhere without saying yes.

ALTER TABLE events ADD COLUMN published_at TIMESTAMPTZ;
UPDATE events SET published_at = created_at;
ALTER TABLE competitions ADD COLUMN published_at TIMESTAMPTZ;
UPDATE competitions SET published_at = created_at;

ALTER TABLE stage_judges ADD COLUMN status TEXT NOT NULL DEFAULT 'accepted'
    CHECK (status IN ('invited', 'accepted', 'declined'));
ALTER TABLE stage_judges ADD COLUMN invited_at TIMESTAMPTZ;
ALTER TABLE stage_judges ADD COLUMN answered_at TIMESTAMPTZ;
CREATE INDEX stage_judges_user ON stage_judges(user_id, status);

ALTER TABLE session_speakers ADD COLUMN email TEXT;
ALTER TABLE session_speakers ADD COLUMN status TEXT NOT NULL DEFAULT 'named'
    CHECK (status IN ('named', 'invited', 'accepted', 'declined'));
UPDATE session_speakers SET status = 'accepted' WHERE user_id IS NOT NULL;
CREATE INDEX session_speakers_email ON session_speakers(email, status);

ALTER TABLE team_members ADD COLUMN status TEXT NOT NULL DEFAULT 'joined' CHECK (status IN ('invited', 'joined'));

CREATE TABLE invitation_sends (
    sender_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX invitation_sends_of ON invitation_sends(sender_id, at);

CREATE TABLE staff_invitations (
    event_id   BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('manager', 'checkin')),
    invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, email)
);
CREATE INDEX staff_invitations_email ON staff_invitations(email);
