-- What organizations did with their matches: saved ones rank their organization's postings higher,
-- dismissed candidates never come back for that organization.
CREATE TABLE match_feedback (
    org_id       INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    source_id    INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    action       TEXT NOT NULL CHECK (action IN ('save', 'dismiss')),
    user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (org_id, source_id, candidate_id)
);
