-- The metric catalogue, its time series, OKRs with check-ins, and metrics settings edited in chat.
-- Lists (aliases, dimensions, roles) are comma-separated text: the catalogue is small and read whole.

CREATE TABLE metrics (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    aliases        TEXT NOT NULL,
    definition     TEXT NOT NULL,
    unit           TEXT NOT NULL,
    direction      TEXT NOT NULL,
    freshness_days INTEGER NOT NULL,
    dimensions     TEXT NOT NULL,
    roles          TEXT NOT NULL,
    owner_id       INTEGER,
    source         TEXT NOT NULL,
    -- Newest date with a value (day number since 0001-01-01), kept on ingest so freshness is one read.
    last_day       INTEGER,
    updated_at     TEXT NOT NULL
);

-- One row per combination of dimension values; dims is a JSON object with sorted keys ('{}' for a total).
CREATE TABLE metric_series (
    id        INTEGER PRIMARY KEY,
    metric_id INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
    dims      TEXT NOT NULL,
    UNIQUE (metric_id, dims)
);

-- Clustered by series then day: a lookup reads each series' period as one contiguous range.
CREATE TABLE metric_values (
    series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
    day       INTEGER NOT NULL,
    value     REAL NOT NULL,
    PRIMARY KEY (series_id, day)
) WITHOUT ROWID;

CREATE TABLE objectives (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    owner_id   INTEGER NOT NULL,
    team       TEXT NOT NULL,
    quarter    TEXT NOT NULL,
    parent_id  INTEGER REFERENCES objectives (id),
    created_at TEXT NOT NULL
);

CREATE INDEX ix_objectives_quarter ON objectives (quarter);

CREATE TABLE key_results (
    id              INTEGER PRIMARY KEY,
    objective_id    INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    owner_id        INTEGER NOT NULL,
    metric_key      TEXT,
    start_value     REAL NOT NULL,
    target_value    REAL NOT NULL,
    current_value   REAL NOT NULL,
    unit            TEXT NOT NULL,
    confidence      INTEGER,
    last_checkin_at TEXT,
    created_at      TEXT NOT NULL
);

CREATE INDEX ix_key_results_objective ON key_results (objective_id);

CREATE TABLE key_result_checkins (
    id            INTEGER PRIMARY KEY,
    key_result_id INTEGER NOT NULL REFERENCES key_results (id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    value         REAL,
    confidence    INTEGER NOT NULL,
    reason        TEXT NOT NULL,
    by_id         INTEGER NOT NULL,
    by_name       TEXT NOT NULL
);

CREATE INDEX ix_key_result_checkins_kr ON key_result_checkins (key_result_id, at);

CREATE TABLE metrics_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
