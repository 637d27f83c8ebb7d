-- Deliveries of inbound platform events already processed (Slack event_id, Teams activity id),
-- so a retried or repeated delivery runs once, also across a restart.
CREATE TABLE inbound_deliveries (
    key TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL
);

CREATE INDEX ix_inbound_deliveries_seen_at ON inbound_deliveries (seen_at);
