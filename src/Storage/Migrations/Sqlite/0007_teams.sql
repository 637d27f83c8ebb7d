-- Where ProductOps can reach people and conversations on Microsoft Teams. Rows are written only
-- from authenticated activities, so their service URLs are Bot Connector addresses.

-- One row per Teams user the bot has met: the bot-specific 29: id needed to open a 1:1 chat,
-- the chat once opened, the e-mail the member API told (checked once a day at most), and whether
-- the user blocked or uninstalled the bot.
CREATE TABLE teams_users (
    tenant_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    user_id TEXT NOT NULL,
    aad_object_id TEXT,
    name TEXT,
    email TEXT,
    email_checked_at TEXT,
    service_url TEXT NOT NULL,
    personal_conversation_id TEXT,
    blocked_at TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_key)
);

-- Conversations the bot was installed in (personal, group chat, team channel), for proactive
-- messages to channels by id or name.
CREATE TABLE teams_conversations (
    conversation_id TEXT PRIMARY KEY,
    tenant_id TEXT,
    kind TEXT NOT NULL,
    service_url TEXT NOT NULL,
    bot_id TEXT NOT NULL,
    team_id TEXT,
    name TEXT,
    installed INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE INDEX ix_teams_conversations_name ON teams_conversations (name);
