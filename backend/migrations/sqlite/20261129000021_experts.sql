-- The expert pool (专家库): one entry per user, reviewed by site admins; declared conflicts as
-- platform organizations and as names.
CREATE TABLE experts (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('scientist', 'entrepreneur', 'investor', 'other')),
    -- Field codes, comma-separated; keywords and conflict names one per line.
    domains        TEXT NOT NULL,
    keywords       TEXT NOT NULL DEFAULT '',
    affiliation    TEXT NOT NULL,
    title          TEXT NOT NULL,
    bio            TEXT NOT NULL,
    conflict_names TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason         TEXT,
    reviewed_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX experts_status ON experts(status, id);

CREATE TABLE expert_conflicts (
    expert_id INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    org_id    INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    PRIMARY KEY (expert_id, org_id)
);
