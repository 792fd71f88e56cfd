-- On the day: co-organizers with roles, and check-ins of signed tickets. A ticket is one person of
-- a registration; its code is signed with a server key kept in app_meta (generated on first use).
CREATE TABLE event_staff (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('manager', 'checkin')),
    added_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_staff_of_user ON event_staff(user_id);

CREATE TABLE checkins (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    -- Which person of the registration's group (0-based).
    person          INTEGER NOT NULL CHECK (person >= 0),
    -- The scanning device and its per-scan nonce: a resent scan finds its first answer.
    device          TEXT NOT NULL,
    nonce           TEXT NOT NULL,
    by_user         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    at              TEXT NOT NULL,
    undone_at       TEXT,
    undone_by       INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX checkins_scan ON checkins(event_id, device, nonce);
-- A person is checked in at most once (undone check-ins aside).
CREATE UNIQUE INDEX checkins_live ON checkins(registration_id, person) WHERE undone_at IS NULL;
CREATE INDEX checkins_of ON checkins(event_id, undone_at);

-- A registration may be made for one of the registrant's organizations (shown at the door, counted
-- in the reports by organization kind, domain and district).
ALTER TABLE registrations ADD COLUMN org_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL;

-- Seats held and the waiting list per ticket type, read by every registration.
CREATE INDEX registrations_by_type ON registrations(ticket_type_id, status);
