-- Proactive messages, stored before they are sent and delivered by the outbox dispatcher.
-- Times are UTC ISO-8601 text of fixed width, so they compare correctly as strings.
-- person_id has no foreign key on purpose: a message must outlive the person row it was for,
-- and the dispatcher records "person not found" as a failure instead.
CREATE TABLE outbox_messages (
    id                 INTEGER PRIMARY KEY,
    key                TEXT    NOT NULL UNIQUE,
    recipient_kind     TEXT    NOT NULL CHECK (recipient_kind IN ('person', 'channel')),
    person_id          INTEGER NULL,
    channel            TEXT    NULL,
    platform           TEXT    NULL,
    payload            TEXT    NOT NULL,
    status             TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    TEXT    NOT NULL,
    lease_token        TEXT    NULL,
    lease_until        TEXT    NULL,
    waiting_for        TEXT    NULL,
    last_error         TEXT    NULL,
    created_at         TEXT    NOT NULL,
    delivered_at       TEXT    NULL,
    delivered_platform TEXT    NULL,
    failed_at          TEXT    NULL,
    CHECK ((recipient_kind = 'person' AND person_id IS NOT NULL) OR (recipient_kind = 'channel' AND channel IS NOT NULL))
);

CREATE INDEX ix_outbox_messages_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX ix_outbox_messages_failed ON outbox_messages (status, failed_at);
