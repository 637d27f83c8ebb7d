-- The Microsoft 365 group id of each team the bot is in, by Teams' own team id (the
-- 19:…@thread.tacv2 id activities carry). Microsoft Graph names teams by the group id, and most
-- activities do not carry it, so it is kept once learned (from an activity or the team details API).
CREATE TABLE teams_teams (
    team_id TEXT PRIMARY KEY,
    aad_group_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
