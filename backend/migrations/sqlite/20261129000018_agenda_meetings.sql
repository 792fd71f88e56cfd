-- The agenda: sessions with time, room, speakers and, where seats are limited, a capacity; attendees
-- with a live registration take a seat in a session.
CREATE TABLE event_sessions (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    title_zh  TEXT NOT NULL,
    title_en  TEXT,
    room      TEXT,
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    -- NULL: no seat limit.
    capacity  INTEGER CHECK (capacity IS NULL OR capacity > 0)
);
CREATE INDEX event_sessions_of ON event_sessions(event_id, starts_at);

CREATE TABLE session_speakers (
    session_id INTEGER NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    -- A platform user, or only a name (free text).
    user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
);

CREATE TABLE session_seats (
    session_id INTEGER NOT NULL REFERENCES event_sessions(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_seats_of_user ON session_seats(user_id);

-- Matchmaking meetings: time slots and tables set by the organizers, each attendee's availability,
-- meeting requests between attendees, and the scheduler's placement of accepted ones.
ALTER TABLE events ADD COLUMN meeting_tables INTEGER NOT NULL DEFAULT 0;

CREATE TABLE meeting_slots (
    id        INTEGER PRIMARY KEY,
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    UNIQUE (event_id, starts_at)
);

CREATE TABLE meeting_availability (
    slot_id INTEGER NOT NULL REFERENCES meeting_slots(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (slot_id, user_id)
);
CREATE INDEX meeting_availability_of_user ON meeting_availability(user_id);

CREATE TABLE meeting_requests (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    from_user  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    to_user    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message    TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    CHECK (from_user <> to_user)
);
-- One live request per pair and event, whoever asked.
CREATE UNIQUE INDEX meeting_requests_pair ON meeting_requests(event_id, min(from_user, to_user), max(from_user, to_user))
    WHERE status IN ('pending', 'accepted');
CREATE INDEX meeting_requests_to ON meeting_requests(to_user, event_id);
CREATE INDEX meeting_requests_from ON meeting_requests(from_user, event_id);

-- The last schedule: one row per placed meeting; a table holds one meeting per slot.
CREATE TABLE meetings (
    request_id INTEGER PRIMARY KEY REFERENCES meeting_requests(id) ON DELETE CASCADE,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    slot_id    INTEGER NOT NULL REFERENCES meeting_slots(id) ON DELETE CASCADE,
    table_no   INTEGER NOT NULL CHECK (table_no > 0),
    score      INTEGER NOT NULL,
    UNIQUE (slot_id, table_no)
);
CREATE INDEX meetings_of ON meetings(event_id, slot_id);

-- The last scheduler run per event, with its comparison against first-come greedy.
CREATE TABLE meeting_runs (
    event_id      INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    run_at        TEXT NOT NULL,
    run_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    accepted      INTEGER NOT NULL,
    placed        INTEGER NOT NULL,
    score         INTEGER NOT NULL,
    greedy_placed INTEGER NOT NULL,
    greedy_score  INTEGER NOT NULL,
    millis        INTEGER NOT NULL
);
