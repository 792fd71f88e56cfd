-- The dashboard's activity is counted by the subscriber of the facts that count
-- (backend/src/dashboard/counting.rs), in the transaction that raises them, and summed into the
-- roll-ups there: the triggers and functions that did it go (SQLite: migration 36).
DROP TRIGGER activity_rollup ON activity;
DROP TRIGGER activity_posting_published ON postings;
DROP TRIGGER activity_request ON engagements;
DROP TRIGGER activity_accepted ON engagements;
DROP TRIGGER activity_signed ON engagements;
DROP TRIGGER activity_event ON events;
DROP TRIGGER activity_event_moved ON events;
DROP TRIGGER activity_event_deleted ON events;
DROP TRIGGER activity_checkin ON checkins;
DROP TRIGGER activity_checkin_undone ON checkins;
DROP TRIGGER activity_competition ON competitions;
DROP TRIGGER activity_entry ON teams;
DROP FUNCTION fm_activity_rollup();
DROP FUNCTION fm_posting_published();
DROP FUNCTION fm_request();
DROP FUNCTION fm_accepted();
DROP FUNCTION fm_signed();
DROP FUNCTION fm_event();
DROP FUNCTION fm_event_deleted();
DROP FUNCTION fm_checkin();
DROP FUNCTION fm_checkin_undone();
DROP FUNCTION fm_competition();
DROP FUNCTION fm_entry();
DROP FUNCTION fm_activity_move(TEXT, BIGINT, TIMESTAMPTZ, TIMESTAMPTZ);
DROP FUNCTION fm_week(TIMESTAMPTZ);
DROP FUNCTION fm_first_domain(BIGINT);
DROP FUNCTION fm_org_district(BIGINT);
