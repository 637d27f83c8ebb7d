-- Messages the local dev chat delivered: proactive messages from the outbox and replies that went
-- to a channel or a DM. One row per delivery key, so a retried delivery is stored once.
CREATE TABLE devchat_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    conversation_kind TEXT NOT NULL CHECK (conversation_kind IN ('dm', 'channel')),
    conversation TEXT NOT NULL,
    reply_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_devchat_messages_conversation ON devchat_messages (conversation_kind, conversation, id);
