-- A registration window (none: open until the event ends) and a cover image (stored as an
-- attachment file, by checksum).
ALTER TABLE events ADD COLUMN registration_opens_at TEXT;
ALTER TABLE events ADD COLUMN registration_closes_at TEXT;
ALTER TABLE events ADD COLUMN cover_sha256 TEXT;
ALTER TABLE events ADD COLUMN cover_mime TEXT;
