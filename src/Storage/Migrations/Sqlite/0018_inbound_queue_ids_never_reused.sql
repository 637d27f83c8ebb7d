-- Without AUTOINCREMENT SQLite hands a deleted newest row's id to the next insert, and the bot
-- remembers which stored ids it has queued in memory: a handled item's id must never come back.
CREATE TABLE inbound_queue_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL
);

INSERT INTO inbound_queue_new (id, queue, payload, received_at) SELECT id, queue, payload, received_at FROM inbound_queue;
DROP TABLE inbound_queue;
ALTER TABLE inbound_queue_new RENAME TO inbound_queue;
CREATE INDEX ix_inbound_queue_queue ON inbound_queue (queue, id);
