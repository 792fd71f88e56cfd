-- Custom registration questions per event (optionally per ticket type), in zh and en, and the
-- answers given with each registration.
CREATE TABLE event_questions (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    label_zh     TEXT NOT NULL,
    label_en     TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('text', 'long_text', 'single', 'multiple', 'number', 'date', 'yes_no')),
    required     INTEGER NOT NULL DEFAULT 0,
    -- Choices one per line; ticket type ids comma-separated (empty: every ticket type).
    options_zh   TEXT NOT NULL DEFAULT '',
    options_en   TEXT NOT NULL DEFAULT '',
    ticket_types TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_questions_of ON event_questions(event_id, id);

CREATE TABLE registration_answers (
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    question_id     INTEGER NOT NULL REFERENCES event_questions(id) ON DELETE CASCADE,
    value           TEXT NOT NULL,
    PRIMARY KEY (registration_id, question_id)
);
