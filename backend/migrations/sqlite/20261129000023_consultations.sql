-- Expert consultation (专家咨询): a demand's owner invites experts from the pool to advise on it.
CREATE TABLE consultation_invites (
    demand_id  INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    expert_id  INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
    invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    invited_at TEXT NOT NULL,
    PRIMARY KEY (demand_id, expert_id)
);
