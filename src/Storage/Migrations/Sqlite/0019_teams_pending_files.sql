-- Files offered to Teams users with a file consent card and not yet accepted or declined. Teams
-- sends the click minutes or hours later, perhaps to a restarted bot, so the bytes wait here until
-- then (or until they expire and housekeeping removes them). user_key is the person's chat
-- identity in the tenant, as in teams_users: only they may accept the file.
CREATE TABLE teams_pending_files (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX ix_teams_pending_files_expires ON teams_pending_files (expires_at);
