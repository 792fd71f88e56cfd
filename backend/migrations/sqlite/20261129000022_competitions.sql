-- Competitions (创新创业赛事): tracks, stages, rubric, teams, versioned submissions, judge panels and
-- assignments, score sheets, stage results and the audit log of every score change and decision.
CREATE TABLE competitions (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    title_zh         TEXT NOT NULL,
    title_en         TEXT,
    description_zh   TEXT NOT NULL,
    description_en   TEXT,
    eligibility_zh   TEXT NOT NULL,
    eligibility_en   TEXT,
    -- The rubric as JSON: [{name_zh, name_en, weight, scale}], weights adding up to 100.
    rubric           TEXT NOT NULL,
    judges_per_entry INTEGER NOT NULL,
    created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE competition_tracks (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    domain         TEXT NOT NULL,
    name_zh        TEXT NOT NULL,
    name_en        TEXT,
    UNIQUE (competition_id, domain)
);

CREATE TABLE competition_stages (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name_zh        TEXT NOT NULL,
    name_en        TEXT,
    deadline       TEXT NOT NULL,
    advance        INTEGER NOT NULL,
    -- Extra submission fields as JSON: [{label_zh, label_en, required}].
    fields         TEXT NOT NULL DEFAULT '[]',
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'judging', 'closed')),
    released       INTEGER NOT NULL DEFAULT 0,
    -- Expertise fit of the stored assignment and of greedy on the same input.
    assign_fit     INTEGER,
    greedy_fit     INTEGER,
    UNIQUE (competition_id, position)
);

CREATE TABLE teams (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    track_id       INTEGER NOT NULL REFERENCES competition_tracks(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    org_id         INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    leader_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    -- The last stage (position) the team takes part in.
    reached        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    UNIQUE (competition_id, name)
);
CREATE INDEX teams_of ON teams(competition_id, track_id);

-- Members by email; user_id filled when (or once) a platform user has that email.
CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    email   TEXT NOT NULL,
    leader  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, email)
);
CREATE INDEX team_members_email ON team_members(email);

-- Every version is kept; the latest (highest version) is the one judged.
CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY,
    team_id      INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    stage_id     INTEGER NOT NULL REFERENCES competition_stages(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    summary      TEXT NOT NULL,
    video_url    TEXT,
    extras       TEXT NOT NULL DEFAULT '[]',
    plan_name    TEXT,
    plan_sha256  TEXT,
    plan_size    INTEGER,
    submitted_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    submitted_at TEXT NOT NULL,
    UNIQUE (team_id, stage_id, version)
);

CREATE TABLE stage_judges (
    stage_id INTEGER NOT NULL REFERENCES competition_stages(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (stage_id, user_id)
);

CREATE TABLE judge_assignments (
    stage_id INTEGER NOT NULL REFERENCES competition_stages(id) ON DELETE CASCADE,
    team_id  INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (stage_id, team_id, user_id)
);
CREATE INDEX judge_assignments_of ON judge_assignments(user_id, stage_id);

-- One sheet per judge and entry: values and comments per criterion as JSON arrays.
CREATE TABLE scores (
    stage_id   INTEGER NOT NULL REFERENCES competition_stages(id) ON DELETE CASCADE,
    team_id    INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    vals       TEXT NOT NULL,
    comments   TEXT NOT NULL,
    comment    TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (stage_id, team_id, user_id)
);

-- Written when a stage closes: the ranking as decided.
CREATE TABLE stage_results (
    stage_id   INTEGER NOT NULL REFERENCES competition_stages(id) ON DELETE CASCADE,
    team_id    INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    rank       INTEGER NOT NULL,
    raw        REAL NOT NULL,
    normalised REAL NOT NULL,
    advances   INTEGER NOT NULL,
    PRIMARY KEY (stage_id, team_id)
);

-- Append-only: every score change (before/after) and every decision.
CREATE TABLE competition_audit (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    user_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action         TEXT NOT NULL,
    detail         TEXT NOT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX competition_audit_of ON competition_audit(competition_id, id);

-- Public notices (公示) now announce either an open call's result or a competition's final results.
-- The table is rebuilt with demand_id optional; dropping the old table would cascade to its
-- children, so they are kept aside and put back.
CREATE TABLE notices_new (
    id             INTEGER PRIMARY KEY,
    demand_id      INTEGER UNIQUE REFERENCES postings(id) ON DELETE CASCADE,
    competition_id INTEGER UNIQUE REFERENCES competitions(id) ON DELETE CASCADE,
    rationale      TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'under_review', 'final', 'overturned')),
    published_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    published_at   TEXT NOT NULL,
    window_ends    TEXT NOT NULL,
    decision_note  TEXT,
    CHECK ((demand_id IS NULL) <> (competition_id IS NULL))
);
INSERT INTO notices_new (id, demand_id, rationale, status, published_by, published_at, window_ends, decision_note)
    SELECT id, demand_id, rationale, status, published_by, published_at, window_ends, decision_note FROM notices;
CREATE TABLE keep_winners AS SELECT * FROM notice_winners;
CREATE TABLE keep_objections AS SELECT * FROM objections;
CREATE TABLE keep_notice_events AS SELECT * FROM notice_events;
DROP TABLE notices;
ALTER TABLE notices_new RENAME TO notices;
CREATE INDEX notices_open ON notices(status, window_ends);
INSERT INTO notice_winners SELECT * FROM keep_winners;
INSERT INTO objections SELECT * FROM keep_objections;
INSERT INTO notice_events SELECT * FROM keep_notice_events;
DROP TABLE keep_winners;
DROP TABLE keep_objections;
DROP TABLE keep_notice_events;
