-- Cadences (recurring check-ins), their cycles, who takes part in each, submissions, and who is away.
-- A cadence's configuration is one JSON document: it is read and written whole, never queried by field.
-- Deleted cadences keep their rows (deleted_at set), so no submission is ever lost.

CREATE TABLE cadences (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    definition TEXT NOT NULL,
    paused     INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE UNIQUE INDEX ux_cadences_name_key ON cadences (name_key) WHERE deleted_at IS NULL;

CREATE TABLE cadence_cycles (
    id         INTEGER PRIMARY KEY,
    cadence_id INTEGER NOT NULL REFERENCES cadences (id),
    number     INTEGER NOT NULL,
    opens_at   TEXT NOT NULL,
    due_at     TEXT NOT NULL,
    closed_at  TEXT,
    UNIQUE (cadence_id, number),
    UNIQUE (cadence_id, opens_at)
);

CREATE TABLE cadence_cycle_members (
    cycle_id  INTEGER NOT NULL REFERENCES cadence_cycles (id),
    person_id INTEGER NOT NULL REFERENCES people (id),
    area      TEXT,
    PRIMARY KEY (cycle_id, person_id)
);

CREATE TABLE cadence_submissions (
    cycle_id     INTEGER NOT NULL REFERENCES cadence_cycles (id),
    person_id    INTEGER NOT NULL REFERENCES people (id),
    answers      TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    late         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cycle_id, person_id)
);

CREATE INDEX ix_cadence_submissions_person ON cadence_submissions (person_id, cycle_id);

CREATE TABLE cadence_away (
    person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    until     TEXT NOT NULL
);
