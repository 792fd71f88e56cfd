-- Organizers move a waiting entry to the head of its waiting list: promoted entries come first, in
-- the order they were promoted, then the rest in the order they registered.
ALTER TABLE registrations ADD COLUMN promoted_at TEXT;
