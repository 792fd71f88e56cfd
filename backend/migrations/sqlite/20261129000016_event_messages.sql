-- Messages organizers sent to an event's registrants (delivered as notifications and emails).
CREATE TABLE event_messages (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    sender_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    text       TEXT NOT NULL,
    recipients INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX event_messages_of ON event_messages(event_id, id);
