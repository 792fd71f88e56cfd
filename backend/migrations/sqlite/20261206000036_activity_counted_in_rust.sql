-- The dashboard's activity is counted by the subscriber of the facts that count
-- (backend/src/dashboard/counting.rs), in the transaction that raises them, and summed into the
-- roll-ups there: the triggers that did it (migration 26, and again as PostgreSQL functions) go.
DROP TRIGGER activity_rollup;
DROP TRIGGER activity_posting_published;
DROP TRIGGER activity_posting_moved;
DROP TRIGGER activity_request;
DROP TRIGGER activity_accepted;
DROP TRIGGER activity_signed;
DROP TRIGGER activity_event;
DROP TRIGGER activity_event_moved;
DROP TRIGGER activity_event_deleted;
DROP TRIGGER activity_checkin;
DROP TRIGGER activity_checkin_undone;
DROP TRIGGER activity_competition;
DROP TRIGGER activity_entry;
