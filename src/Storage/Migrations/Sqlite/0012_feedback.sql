-- Customer feedback: items as submitted, themes that group them, the status history of themes,
-- and one-time export links. Times are ISO 8601 UTC text, so text order is time order.

CREATE TABLE feedback_themes (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    area_id     INTEGER NULL REFERENCES areas (id) ON DELETE SET NULL,
    status      TEXT NOT NULL DEFAULT 'open',
    status_note TEXT NULL,
    merged_into INTEGER NULL REFERENCES feedback_themes (id),
    created_by  INTEGER NULL REFERENCES people (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);

CREATE INDEX ix_feedback_themes_area ON feedback_themes (area_id);

CREATE TABLE feedback_items (
    id            INTEGER PRIMARY KEY,
    submitter_id  INTEGER NOT NULL REFERENCES people (id),
    created_at    TEXT NOT NULL,
    area_id       INTEGER NULL REFERENCES areas (id) ON DELETE SET NULL,
    account_id    INTEGER NULL REFERENCES accounts (id) ON DELETE SET NULL,
    -- The account as typed; kept when it is not in the catalogue, so it can be linked later.
    account_text  TEXT NULL,
    -- One key per customer, so totals count each account once: "a:<id>" or "t:<typed, lower-case>".
    account_key   TEXT NULL,
    type          TEXT NOT NULL,
    urgency       TEXT NOT NULL,
    arr           REAL NULL,
    verbatim      TEXT NOT NULL,
    source_link   TEXT NULL,
    source_author TEXT NULL,
    keep_posted   INTEGER NOT NULL,
    theme_id      INTEGER NULL REFERENCES feedback_themes (id) ON DELETE SET NULL,
    -- Hash of the normalised verbatim: the same person sending the same words twice within a minute is stored once.
    text_hash     TEXT NOT NULL
);

-- Covers the theme totals, so ranking an area's themes reads the index alone, not a row per item.
CREATE INDEX ix_feedback_items_theme ON feedback_items (theme_id, account_key, arr, account_id, created_at);
CREATE INDEX ix_feedback_items_area ON feedback_items (area_id, created_at);
CREATE INDEX ix_feedback_items_submitter ON feedback_items (submitter_id, created_at);
CREATE INDEX ix_feedback_items_repeat ON feedback_items (submitter_id, text_hash, created_at);
CREATE INDEX ix_feedback_items_account ON feedback_items (account_key);
CREATE INDEX ix_feedback_items_created ON feedback_items (created_at);

-- Full-text indexes (SQLite FTS5) over the words customers said and the theme titles.
CREATE VIRTUAL TABLE feedback_items_fts USING fts5 (verbatim, content = 'feedback_items', content_rowid = 'id', tokenize = 'porter unicode61');

CREATE TRIGGER feedback_items_fts_insert AFTER INSERT ON feedback_items BEGIN
    INSERT INTO feedback_items_fts (rowid, verbatim) VALUES (new.id, new.verbatim);
END;

CREATE TRIGGER feedback_items_fts_delete AFTER DELETE ON feedback_items BEGIN
    INSERT INTO feedback_items_fts (feedback_items_fts, rowid, verbatim) VALUES ('delete', old.id, old.verbatim);
END;

CREATE TRIGGER feedback_items_fts_update AFTER UPDATE OF verbatim ON feedback_items BEGIN
    INSERT INTO feedback_items_fts (feedback_items_fts, rowid, verbatim) VALUES ('delete', old.id, old.verbatim);
    INSERT INTO feedback_items_fts (rowid, verbatim) VALUES (new.id, new.verbatim);
END;

CREATE VIRTUAL TABLE feedback_themes_fts USING fts5 (title, content = 'feedback_themes', content_rowid = 'id', tokenize = 'porter unicode61');

CREATE TRIGGER feedback_themes_fts_insert AFTER INSERT ON feedback_themes BEGIN
    INSERT INTO feedback_themes_fts (rowid, title) VALUES (new.id, new.title);
END;

CREATE TRIGGER feedback_themes_fts_delete AFTER DELETE ON feedback_themes BEGIN
    INSERT INTO feedback_themes_fts (feedback_themes_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;

CREATE TRIGGER feedback_themes_fts_update AFTER UPDATE OF title ON feedback_themes BEGIN
    INSERT INTO feedback_themes_fts (feedback_themes_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO feedback_themes_fts (rowid, title) VALUES (new.id, new.title);
END;

CREATE TABLE feedback_status_changes (
    id         INTEGER PRIMARY KEY,
    theme_id   INTEGER NOT NULL REFERENCES feedback_themes (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    note       TEXT NULL,
    changed_by INTEGER NULL REFERENCES people (id) ON DELETE SET NULL,
    changed_at TEXT NOT NULL
);

CREATE INDEX ix_feedback_status_changes_theme ON feedback_status_changes (theme_id, changed_at);

-- One-time download links for exports: only the hash of the token is kept.
CREATE TABLE feedback_exports (
    token_hash TEXT PRIMARY KEY,
    query      TEXT NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT NULL
);
