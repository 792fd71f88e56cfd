-- 揭榜挂帅: applications to a demand published as an open call, clarifications, the public notice
-- of the result (公示) and objections to it.
CREATE TABLE applications (
    id         INTEGER PRIMARY KEY,
    demand_id  INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    org_id     INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    solution   TEXT NOT NULL,
    team       TEXT NOT NULL,
    budget     INTEGER NOT NULL,
    timeline   TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('submitted', 'shortlisted', 'selected', 'not_selected')),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (demand_id, org_id)
);

CREATE TABLE application_files (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    uploaded_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    name           TEXT NOT NULL,
    mime           TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX application_files_of ON application_files(application_id);

CREATE TABLE clarifications (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    question       TEXT NOT NULL,
    asked_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    asked_at       TEXT NOT NULL,
    answer         TEXT,
    answered_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    answered_at    TEXT
);
CREATE INDEX clarifications_of ON clarifications(application_id);

CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    demand_id     INTEGER NOT NULL UNIQUE REFERENCES postings(id) ON DELETE CASCADE,
    rationale     TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'under_review', 'final', 'overturned')),
    published_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    published_at  TEXT NOT NULL,
    window_ends   TEXT NOT NULL,
    decision_note TEXT
);
CREATE INDEX notices_open ON notices(status, window_ends);

CREATE TABLE notice_winners (
    notice_id      INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    PRIMARY KEY (notice_id, application_id)
);

CREATE TABLE objections (
    id          INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    grounds     TEXT NOT NULL,
    filed_at    TEXT NOT NULL,
    answer      TEXT,
    answered_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    answered_at TEXT
);
CREATE INDEX objections_of ON objections(notice_id);

CREATE TABLE notice_events (
    id        INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    action    TEXT NOT NULL,
    user_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    note      TEXT,
    at        TEXT NOT NULL
);
