-- The plan dashboard: recorded activity (one row per countable event, a correction being a row
-- with n = -1), its weekly roll-up that the dashboard reads, and the plan's targets with the
-- admin-editable rule that computes each one's current value.
--
-- Weeks are the Monday (China time, UTC+8) of the event's week, as 'YYYY-MM-DD'.
CREATE TABLE activity (
    id       INTEGER PRIMARY KEY,
    metric   TEXT NOT NULL,      -- posting.<kind>, match, request, accepted, signed, event, attendance, competition, entry
    at       TEXT NOT NULL,
    week     TEXT NOT NULL,
    domain   TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    n        INTEGER NOT NULL DEFAULT 1,
    value    INTEGER NOT NULL DEFAULT 0,   -- signed contracts: 万元
    subject  INTEGER                       -- the posting, engagement, check-in, event or team
);
CREATE INDEX activity_subject ON activity(metric, subject);

-- The roll-up, three ways, so each figure reads rows already in the order it groups them by:
-- by field (weekly series and the field breakdown), by district, and by field and district (the
-- district breakdown of one field).
CREATE TABLE activity_weekly (
    domain   TEXT NOT NULL,
    metric   TEXT NOT NULL,
    district TEXT NOT NULL,
    week     TEXT NOT NULL,
    n        INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    PRIMARY KEY (domain, metric, district, week)
) WITHOUT ROWID;

CREATE TABLE activity_domain_weekly (
    metric   TEXT NOT NULL,
    week     TEXT NOT NULL,
    domain   TEXT NOT NULL,
    n        INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    PRIMARY KEY (metric, week, domain)
) WITHOUT ROWID;
CREATE INDEX activity_domain_weekly_of_domain ON activity_domain_weekly(domain, metric, week, n, value);

CREATE TABLE activity_district_weekly (
    metric   TEXT NOT NULL,
    district TEXT NOT NULL,
    week     TEXT NOT NULL,
    n        INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    PRIMARY KEY (metric, district, week)
) WITHOUT ROWID;

CREATE TRIGGER activity_rollup AFTER INSERT ON activity BEGIN
    INSERT INTO activity_weekly (domain, metric, district, week, n, value)
    VALUES (NEW.domain, NEW.metric, NEW.district, NEW.week, NEW.n, NEW.value)
    ON CONFLICT (domain, metric, district, week) DO UPDATE SET n = n + excluded.n, value = value + excluded.value;
    INSERT INTO activity_domain_weekly (metric, week, domain, n, value)
    VALUES (NEW.metric, NEW.week, NEW.domain, NEW.n, NEW.value)
    ON CONFLICT (metric, week, domain) DO UPDATE SET n = n + excluded.n, value = value + excluded.value;
    INSERT INTO activity_district_weekly (metric, district, week, n, value)
    VALUES (NEW.metric, NEW.district, NEW.week, NEW.n, NEW.value)
    ON CONFLICT (metric, district, week) DO UPDATE SET n = n + excluded.n, value = value + excluded.value;
END;

-- What is already in the database (installations older than this migration).
INSERT INTO activity (metric, at, week, domain, district, subject)
SELECT 'posting.' || p.kind, p.published_at, date(p.published_at, '+8 hours', '-6 days', 'weekday 1'),
       COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = p.id ORDER BY d.position LIMIT 1), ''),
       COALESCE(p.district, o.district, ''), p.id
FROM postings p JOIN organizations o ON o.id = p.org_id
WHERE p.published_at IS NOT NULL ORDER BY p.published_at, p.id;

INSERT INTO activity (metric, at, week, domain, district, subject)
SELECT 'request', e.created_at, date(e.created_at, '+8 hours', '-6 days', 'weekday 1'),
       COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = e.posting_id ORDER BY d.position LIMIT 1), ''),
       COALESCE(p.district, o.district, ''), e.id
FROM engagements e JOIN postings p ON p.id = e.posting_id JOIN organizations o ON o.id = p.org_id ORDER BY e.id;

INSERT INTO activity (metric, at, week, domain, district, subject)
SELECT 'accepted', COALESCE(e.answered_at, e.updated_at), date(COALESCE(e.answered_at, e.updated_at), '+8 hours', '-6 days', 'weekday 1'),
       COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = e.posting_id ORDER BY d.position LIMIT 1), ''),
       COALESCE(p.district, o.district, ''), e.id
FROM engagements e JOIN postings p ON p.id = e.posting_id JOIN organizations o ON o.id = p.org_id
WHERE e.stage IS NOT NULL ORDER BY e.id;

INSERT INTO activity (metric, at, week, domain, district, value, subject)
SELECT 'signed', COALESCE(e.signed_on, e.updated_at), date(COALESCE(e.signed_on, e.updated_at), '+8 hours', '-6 days', 'weekday 1'),
       COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = e.posting_id ORDER BY d.position LIMIT 1), ''),
       COALESCE(p.district, o.district, ''), COALESCE(e.contract_value, 0), e.id
FROM engagements e JOIN postings p ON p.id = e.posting_id JOIN organizations o ON o.id = p.org_id
WHERE e.stage IN ('signed', 'completed') ORDER BY e.id;

INSERT INTO activity (metric, at, week, domain, district, subject)
SELECT 'event', ev.starts_at, date(ev.starts_at, '+8 hours', '-6 days', 'weekday 1'),
       CASE WHEN instr(ev.domains, ',') > 0 THEN substr(ev.domains, 1, instr(ev.domains, ',') - 1) ELSE ev.domains END,
       COALESCE(o.district, ''), ev.id
FROM events ev JOIN organizations o ON o.id = ev.org_id ORDER BY ev.id;

INSERT INTO activity (metric, at, week, domain, district, subject)
SELECT 'attendance', c.at, date(c.at, '+8 hours', '-6 days', 'weekday 1'),
       CASE WHEN instr(ev.domains, ',') > 0 THEN substr(ev.domains, 1, instr(ev.domains, ',') - 1) ELSE ev.domains END,
       COALESCE(o.district, ''), c.id
FROM checkins c JOIN events ev ON ev.id = c.event_id JOIN organizations o ON o.id = ev.org_id
WHERE c.undone_at IS NULL ORDER BY c.id;

INSERT INTO activity (metric, at, week, domain, district, subject)
SELECT 'competition', c.created_at, date(c.created_at, '+8 hours', '-6 days', 'weekday 1'), '', COALESCE(o.district, ''), c.id
FROM competitions c JOIN organizations o ON o.id = c.org_id ORDER BY c.id;

INSERT INTO activity (metric, at, week, domain, district, subject)
SELECT 'entry', t.created_at, date(t.created_at, '+8 hours', '-6 days', 'weekday 1'), k.domain,
       COALESCE((SELECT o.district FROM organizations o WHERE o.id = t.org_id), ''), t.id
FROM teams t JOIN competition_tracks k ON k.id = t.track_id ORDER BY t.id;

-- From now on the same facts are recorded in the transaction that changes them.
CREATE TRIGGER activity_posting_published AFTER UPDATE OF published_at ON postings
WHEN OLD.published_at IS NULL AND NEW.published_at IS NOT NULL BEGIN
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT 'posting.' || NEW.kind, NEW.published_at, date(NEW.published_at, '+8 hours', '-6 days', 'weekday 1'),
           COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = NEW.id ORDER BY d.position LIMIT 1), ''),
           COALESCE(NEW.district, (SELECT o.district FROM organizations o WHERE o.id = NEW.org_id), ''), NEW.id;
END;

-- A republished posting moves to the week of its new publication date: out of the old week (with
-- the domain and district it was counted under), into the new one.
CREATE TRIGGER activity_posting_moved AFTER UPDATE OF published_at ON postings
WHEN OLD.published_at IS NOT NULL AND NEW.published_at IS NOT NULL AND OLD.published_at <> NEW.published_at BEGIN
    INSERT INTO activity (metric, at, week, domain, district, n, subject)
    SELECT a.metric, OLD.published_at, a.week, a.domain, a.district, -1, NEW.id FROM activity a
    WHERE a.metric = 'posting.' || NEW.kind AND a.subject = NEW.id AND a.n > 0 ORDER BY a.id DESC LIMIT 1;
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT a.metric, NEW.published_at, date(NEW.published_at, '+8 hours', '-6 days', 'weekday 1'), a.domain, a.district, NEW.id
    FROM activity a WHERE a.metric = 'posting.' || NEW.kind AND a.subject = NEW.id AND a.n > 0 ORDER BY a.id DESC LIMIT 1;
END;

CREATE TRIGGER activity_request AFTER INSERT ON engagements BEGIN
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT 'request', NEW.created_at, date(NEW.created_at, '+8 hours', '-6 days', 'weekday 1'),
           COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = NEW.posting_id ORDER BY d.position LIMIT 1), ''),
           COALESCE(p.district, (SELECT o.district FROM organizations o WHERE o.id = p.org_id), ''), NEW.id
    FROM postings p WHERE p.id = NEW.posting_id;
END;

CREATE TRIGGER activity_accepted AFTER UPDATE OF status ON engagements
WHEN NEW.status = 'accepted' AND OLD.status <> 'accepted' BEGIN
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT 'accepted', COALESCE(NEW.answered_at, NEW.updated_at),
           date(COALESCE(NEW.answered_at, NEW.updated_at), '+8 hours', '-6 days', 'weekday 1'),
           COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = NEW.posting_id ORDER BY d.position LIMIT 1), ''),
           COALESCE(p.district, (SELECT o.district FROM organizations o WHERE o.id = p.org_id), ''), NEW.id
    FROM postings p WHERE p.id = NEW.posting_id;
END;

CREATE TRIGGER activity_signed AFTER UPDATE OF stage ON engagements
WHEN NEW.stage IN ('signed', 'completed') AND (OLD.stage IS NULL OR OLD.stage NOT IN ('signed', 'completed')) BEGIN
    INSERT INTO activity (metric, at, week, domain, district, value, subject)
    SELECT 'signed', COALESCE(NEW.signed_on, NEW.updated_at),
           date(COALESCE(NEW.signed_on, NEW.updated_at), '+8 hours', '-6 days', 'weekday 1'),
           COALESCE((SELECT d.code FROM posting_domains d WHERE d.posting_id = NEW.posting_id ORDER BY d.position LIMIT 1), ''),
           COALESCE(p.district, (SELECT o.district FROM organizations o WHERE o.id = p.org_id), ''),
           COALESCE(NEW.contract_value, 0), NEW.id
    FROM postings p WHERE p.id = NEW.posting_id;
END;

CREATE TRIGGER activity_event AFTER INSERT ON events BEGIN
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT 'event', NEW.starts_at, date(NEW.starts_at, '+8 hours', '-6 days', 'weekday 1'),
           CASE WHEN instr(NEW.domains, ',') > 0 THEN substr(NEW.domains, 1, instr(NEW.domains, ',') - 1) ELSE NEW.domains END,
           COALESCE((SELECT o.district FROM organizations o WHERE o.id = NEW.org_id), ''), NEW.id;
END;

-- An event moved in time or re-tagged: out of where it was counted, into where it now belongs.
CREATE TRIGGER activity_event_moved AFTER UPDATE OF starts_at, domains ON events
WHEN OLD.starts_at <> NEW.starts_at OR OLD.domains <> NEW.domains BEGIN
    INSERT INTO activity (metric, at, week, domain, district, n, subject)
    SELECT a.metric, OLD.starts_at, a.week, a.domain, a.district, -1, NEW.id FROM activity a
    WHERE a.metric = 'event' AND a.subject = NEW.id AND a.n > 0 ORDER BY a.id DESC LIMIT 1;
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT 'event', NEW.starts_at, date(NEW.starts_at, '+8 hours', '-6 days', 'weekday 1'),
           CASE WHEN instr(NEW.domains, ',') > 0 THEN substr(NEW.domains, 1, instr(NEW.domains, ',') - 1) ELSE NEW.domains END,
           COALESCE((SELECT o.district FROM organizations o WHERE o.id = NEW.org_id), ''), NEW.id;
END;

CREATE TRIGGER activity_event_deleted AFTER DELETE ON events BEGIN
    INSERT INTO activity (metric, at, week, domain, district, n, subject)
    SELECT a.metric, a.at, a.week, a.domain, a.district, -1, OLD.id FROM activity a
    WHERE a.metric = 'event' AND a.subject = OLD.id AND a.n > 0 ORDER BY a.id DESC LIMIT 1;
END;

CREATE TRIGGER activity_checkin AFTER INSERT ON checkins BEGIN
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT 'attendance', NEW.at, date(NEW.at, '+8 hours', '-6 days', 'weekday 1'),
           CASE WHEN instr(ev.domains, ',') > 0 THEN substr(ev.domains, 1, instr(ev.domains, ',') - 1) ELSE ev.domains END,
           COALESCE((SELECT o.district FROM organizations o WHERE o.id = ev.org_id), ''), NEW.id
    FROM events ev WHERE ev.id = NEW.event_id;
END;

CREATE TRIGGER activity_checkin_undone AFTER UPDATE OF undone_at ON checkins
WHEN OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL BEGIN
    INSERT INTO activity (metric, at, week, domain, district, n, subject)
    SELECT a.metric, NEW.undone_at, a.week, a.domain, a.district, -1, NEW.id FROM activity a
    WHERE a.metric = 'attendance' AND a.subject = NEW.id AND a.n > 0 ORDER BY a.id DESC LIMIT 1;
END;

CREATE TRIGGER activity_competition AFTER INSERT ON competitions BEGIN
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT 'competition', NEW.created_at, date(NEW.created_at, '+8 hours', '-6 days', 'weekday 1'), '',
           COALESCE((SELECT o.district FROM organizations o WHERE o.id = NEW.org_id), ''), NEW.id;
END;

CREATE TRIGGER activity_entry AFTER INSERT ON teams BEGIN
    INSERT INTO activity (metric, at, week, domain, district, subject)
    SELECT 'entry', NEW.created_at, date(NEW.created_at, '+8 hours', '-6 days', 'weekday 1'), k.domain,
           COALESCE((SELECT o.district FROM organizations o WHERE o.id = NEW.org_id), ''), NEW.id
    FROM competition_tracks k WHERE k.id = NEW.track_id;
END;

-- Signed deals, for the target counting scenario openings with a signed pilot.
CREATE INDEX engagements_deals ON engagements(stage, posting_id, source_id) WHERE stage IN ('signed', 'completed');

-- The plan's targets for the end of 2026 (杭州市未来产业培育行动计划). `rule` is JSON
-- (shared::dashboard::TargetRule): which platform data counts towards the target, or "manual"
-- for a figure the platform does not hold, entered by an admin with its source and date.
CREATE TABLE plan_targets (
    code          TEXT PRIMARY KEY,
    label_zh      TEXT NOT NULL,
    label_en      TEXT NOT NULL,
    goal          INTEGER NOT NULL CHECK (goal > 0),
    rule          TEXT NOT NULL,
    manual_value  INTEGER,
    manual_source TEXT,
    manual_as_of  TEXT,
    sort_order    INTEGER NOT NULL,
    updated_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    updated_at    TEXT NOT NULL DEFAULT '2026-11-29T00:00:00Z'
);

INSERT INTO plan_targets (code, label_zh, label_en, goal, rule, sort_order) VALUES
('innovation_consortia',    '创新联合体',                 'Innovation consortia',                              10,   '{"kind":"orgs","subtype":"innovation_consortium","tier":null}', 10),
('enterprise_tech_centers', '企业技术中心',               'Enterprise technology centers',                     100,  '{"kind":"orgs","subtype":"enterprise_tech_center","tier":null}', 20),
('key_technologies',        '关键核心技术攻关',           'Key technologies, components and products tackled', 100,  '{"kind":"open_calls_won"}', 30),
('city_pilot_zones',        '市级未来产业先导区',         'City-level pilot zones',                            10,   '{"kind":"pilot_zones","level":"city"}', 40),
('ecosystem_leaders',       '生态主导型企业',             'Ecosystem-leading enterprises',                     10,   '{"kind":"orgs","subtype":null,"tier":"kunpeng"}', 50),
('high_tech_enterprises',   '高新技术企业',               'High-tech enterprises',                             1000, '{"kind":"orgs","subtype":null,"tier":"high_tech"}', 60),
('demonstration_samples',   '未来社会示范样本',           'Future-society demonstration samples',              10,   '{"kind":"manual"}', 70),
('typical_scenarios',       '典型应用场景',               'Typical application scenarios',                     100,  '{"kind":"scenarios_piloted"}', 80);
