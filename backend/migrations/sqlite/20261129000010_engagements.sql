-- Engagement: an interest request (对接申请) from one organization to another about a posting; once
-- accepted it is a cooperation in the deal pipeline with a conversation between the two.
CREATE TABLE engagements (
    id              INTEGER PRIMARY KEY,
    from_org        INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    to_org          INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    -- The posting the request is about (the receiver's), and the sender's own posting it matched, if any.
    posting_id      INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    source_id       INTEGER REFERENCES postings(id) ON DELETE SET NULL,
    proposal        TEXT NOT NULL,
    message         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
    decline_reason  TEXT,
    -- The deal pipeline, from acceptance on.
    stage           TEXT CHECK (stage IN ('negotiating', 'signed', 'completed', 'failed')),
    contract_value  INTEGER,
    signed_on       TEXT,
    failure         TEXT,
    failure_note    TEXT,
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    reminded_at     TEXT,
    answered_at     TEXT,
    updated_at      TEXT NOT NULL,
    CHECK (from_org <> to_org)
);
CREATE INDEX engagements_from ON engagements(from_org, created_at);
CREATE INDEX engagements_to ON engagements(to_org, created_at);
CREATE INDEX engagements_pending ON engagements(status, expires_at);
-- One open request (pending or accepted) per sender and posting.
CREATE UNIQUE INDEX engagements_one_open ON engagements(from_org, posting_id) WHERE status IN ('pending', 'accepted');

-- Every change: who and when.
CREATE TABLE engagement_events (
    id            INTEGER PRIMARY KEY,
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    action        TEXT NOT NULL,
    org_id        INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    note          TEXT,
    at            TEXT NOT NULL
);
CREATE INDEX engagement_events_of ON engagement_events(engagement_id, id);

CREATE TABLE messages (
    id            INTEGER PRIMARY KEY,
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    org_id        INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body          TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX messages_of ON messages(engagement_id, id);

-- Files live outside the database (under the data folder, named by their checksum).
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    message_id    INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    uploaded_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    name          TEXT NOT NULL,
    mime          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX attachments_of ON attachments(message_id);

-- How far each user has read each conversation.
CREATE TABLE message_reads (
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_read     INTEGER NOT NULL,
    PRIMARY KEY (engagement_id, user_id)
);

CREATE TABLE org_blocks (
    org_id     INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    blocked    INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (org_id, blocked)
);

CREATE TABLE abuse_reports (
    id            INTEGER PRIMARY KEY,
    reporter_org  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    target_org    INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    engagement_id INTEGER REFERENCES engagements(id) ON DELETE SET NULL,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reason        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    at            TEXT NOT NULL
);
CREATE INDEX abuse_reports_open ON abuse_reports(status, at);
