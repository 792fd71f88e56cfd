-- What a cancelled registration was before it was cancelled, while it may still be undone (its
-- seats not yet offered to the waiting list, within the undo window); NULL otherwise.
ALTER TABLE registrations ADD COLUMN cancelled_from TEXT
    CHECK (cancelled_from IS NULL OR cancelled_from IN ('confirmed', 'pending', 'waitlisted'));
