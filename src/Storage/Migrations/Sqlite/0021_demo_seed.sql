-- Whether the first-run demo data was seeded completely: a start that stops part-way through
-- seeding leaves started_at without finished_at, and the next start clears the partial demo.
CREATE TABLE demo_seed (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    started_at TEXT NOT NULL,
    finished_at TEXT
);
