-- Changes made through one instance for the others to follow (see `changes`). Only PostgreSQL
-- deployments run several instances and write here; the table exists on both for one schema.
CREATE TABLE changes (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    subject INTEGER,
    origin  TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX changes_at ON changes(at);
