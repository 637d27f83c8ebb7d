-- Storing an acknowledged request is most of what acknowledging it costs. AUTOINCREMENT rewrote
-- sqlite_sequence with every row, and the (queue, id) index added its own pages to every commit:
-- together about 40% of the bytes each stored request added to the write-ahead log. The queue's one
-- writer now numbers rows itself, never reusing a number (SqlInboundBacklog), and reading waiting
-- rows back walks ids in order within a range the reader knows (WaitingLine), so neither is needed.
CREATE TABLE inbound_queue_new (
    id INTEGER PRIMARY KEY,
    queue TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL
);

INSERT INTO inbound_queue_new (id, queue, payload, received_at) SELECT id, queue, payload, received_at FROM inbound_queue;
DROP TABLE inbound_queue;
ALTER TABLE inbound_queue_new RENAME TO inbound_queue;
