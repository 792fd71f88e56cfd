-- Marketplace postings of four kinds. Common, filterable facts are columns; the kind-specific
-- specification is JSON (`spec`), with its filterable parts copied into type_code/trl/amount_*.
CREATE TABLE postings (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('demand', 'capability', 'scenario', 'mandate')),
    org_id        INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'published', 'rejected', 'closed', 'expired')),
    title_zh      TEXT NOT NULL,
    title_en      TEXT,
    summary_zh    TEXT NOT NULL,
    summary_en    TEXT,
    details_zh    TEXT,
    details_en    TEXT,
    district      TEXT,
    pilot_zone    TEXT,
    deadline      TEXT,                 -- YYYY-MM-DD
    type_code     TEXT NOT NULL,        -- demand type, capability kind, scenario category, fund type
    trl           INTEGER,
    amount_min    INTEGER,              -- 万元: budget, price or ticket
    amount_max    INTEGER,
    spec          TEXT NOT NULL,        -- JSON of the kind-specific part
    pending       TEXT,                 -- JSON of an edit of the published version awaiting review
    reject_reason TEXT,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    published_at  TEXT
);
CREATE INDEX postings_browse ON postings(kind, status, published_at);
CREATE INDEX postings_org ON postings(org_id);
CREATE INDEX postings_due ON postings(status, deadline);

CREATE TABLE posting_domains (
    posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (posting_id, code)
);
CREATE INDEX posting_domains_code ON posting_domains(code);

CREATE TABLE posting_keywords (
    posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    keyword    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (posting_id, keyword)
);

-- Every transition, with who and when.
CREATE TABLE posting_events (
    id          INTEGER PRIMARY KEY,
    posting_id  INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    action      TEXT NOT NULL,          -- create, edit, submit, approve, reject, close, expire
    from_status TEXT,
    to_status   TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reason      TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX posting_events_posting ON posting_events(posting_id);
