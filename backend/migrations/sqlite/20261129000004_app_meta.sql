-- Small key/value facts about this installation (e.g. whether the demo data was loaded).
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
