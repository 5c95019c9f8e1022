-- What a finished job produced, for its owner: an export's file name and expiry.
ALTER TABLE jobs ADD COLUMN result TEXT NOT NULL DEFAULT '{}';
