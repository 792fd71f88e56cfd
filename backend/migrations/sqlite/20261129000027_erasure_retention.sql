-- Personal data: an account deleted by its user is anonymised in place (the row stays so that what
-- organizations keep — postings, requests, messages, past attendance, judging — still points
-- somewhere), marked with when.
ALTER TABLE users ADD COLUMN deleted_at TEXT;

-- Retention: how long messages and logs are kept, in days (NULL: kept until deleted by hand).
-- One row, edited by site admins; applied daily and on demand.
CREATE TABLE retention (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    messages_days INTEGER CHECK (messages_days IS NULL OR messages_days > 0),
    logs_days     INTEGER CHECK (logs_days IS NULL OR logs_days > 0),
    applied_at    TEXT,
    updated_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_at    TEXT
);
INSERT INTO retention (id) VALUES (1);
