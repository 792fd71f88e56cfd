-- Organizations, their tags, members and invitations.
CREATE TABLE organizations (
    id            INTEGER PRIMARY KEY,
    name_zh       TEXT NOT NULL,
    name_en       TEXT,
    kind          TEXT NOT NULL CHECK (kind IN ('enterprise', 'lab', 'investor', 'organizer')),
    subtype       TEXT,
    district      TEXT,
    pilot_zone    TEXT,
    description   TEXT,
    website       TEXT,
    founded_year  INTEGER,
    size          TEXT,
    contact_phone TEXT,
    contact_email TEXT,
    verified_at   TEXT,
    verified_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX organizations_kind ON organizations(kind);
CREATE INDEX organizations_district ON organizations(district);

CREATE TABLE org_domains (
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    code   TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (org_id, code)
);
CREATE INDEX org_domains_code ON org_domains(code);

CREATE TABLE org_tiers (
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    code   TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (org_id, code)
);

CREATE TABLE memberships (
    org_id     INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    token_hash  TEXT NOT NULL UNIQUE,
    invited_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    accepted_at TEXT,
    revoked_at  TEXT
);
CREATE INDEX invitations_org ON invitations(org_id);
