-- Every scan at the door, by its device and nonce: a resent scan gets the answer of its first
-- sending, and a nonce is bound to the ticket (registration and person) it was first sent with —
-- the same nonce with another ticket is refused, never answered with the first person.
CREATE TABLE checkin_scans (
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    device          TEXT NOT NULL,
    nonce           TEXT NOT NULL,
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    person          INTEGER NOT NULL CHECK (person >= 0),
    outcome         TEXT NOT NULL CHECK (outcome IN ('checked_in', 'already', 'refused')),
    checkin_id      INTEGER REFERENCES checkins(id) ON DELETE SET NULL,
    at              TEXT NOT NULL,
    PRIMARY KEY (event_id, device, nonce)
);
-- The check-ins recorded before this table: their scans, bound to their tickets.
INSERT INTO checkin_scans (event_id, device, nonce, registration_id, person, outcome, checkin_id, at)
    SELECT event_id, device, nonce, registration_id, person, 'checked_in', id, at FROM checkins;
