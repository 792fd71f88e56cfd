-- Events: forums, conferences, exhibitions, matchmaking meetings, roadshows; ticket types with quotas
-- under an overall capacity; registrations (groups too) with a waiting list and offers.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    title_zh        TEXT NOT NULL,
    title_en        TEXT,
    description_zh  TEXT NOT NULL,
    description_en  TEXT,
    event_type      TEXT NOT NULL,
    venue           TEXT,
    online_url      TEXT,
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    domains         TEXT NOT NULL DEFAULT '',
    capacity        INTEGER NOT NULL CHECK (capacity > 0),
    invitation_only INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX events_starts ON events(starts_at);

CREATE TABLE ticket_types (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name_zh  TEXT NOT NULL,
    name_en  TEXT,
    quota    INTEGER NOT NULL CHECK (quota > 0),
    approval INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ticket_types_of ON ticket_types(event_id);

CREATE TABLE registrations (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ticket_type_id   INTEGER NOT NULL REFERENCES ticket_types(id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- The attendees' names, one per line; seats = their number.
    people           TEXT NOT NULL,
    seats            INTEGER NOT NULL CHECK (seats > 0),
    status           TEXT NOT NULL CHECK (status IN ('confirmed', 'pending', 'waitlisted', 'offered', 'cancelled', 'rejected')),
    offer_expires_at TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX registrations_of ON registrations(event_id, status, id);
-- One live registration per user and event.
CREATE UNIQUE INDEX registrations_one_per_user ON registrations(event_id, user_id)
    WHERE status NOT IN ('cancelled', 'rejected');
