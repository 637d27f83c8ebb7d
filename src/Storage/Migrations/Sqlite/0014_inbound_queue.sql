-- Inbound platform work acknowledged but not yet handled (a Teams message, a Slack command):
-- written before the platform gets its 200, deleted once handled, replayed after a crash.
CREATE TABLE inbound_queue (
    id INTEGER PRIMARY KEY,
    queue TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL
);

CREATE INDEX ix_inbound_queue_queue ON inbound_queue (queue, id);
