-- People, their chat identities and roles; product areas; the audit log.
-- Times are ISO 8601 UTC text. Handles, e-mail addresses and *_key columns are stored lower-case
-- so uniqueness ignores case for every script, not only ASCII.

CREATE TABLE people (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    handle            TEXT NOT NULL UNIQUE,
    email             TEXT UNIQUE,
    time_zone         TEXT,
    created_at        TEXT NOT NULL,
    -- Set on the first chat contact; initial admins from settings are applied once, then.
    first_resolved_at TEXT
);

CREATE TABLE chat_identities (
    platform  TEXT NOT NULL,
    tenant    TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (platform, tenant, user_id)
);

CREATE INDEX ix_chat_identities_person ON chat_identities (person_id);

CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
);

CREATE TABLE areas (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    owner_id   INTEGER NOT NULL REFERENCES people (id),
    channel    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE area_aliases (
    area_id   INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    alias_key TEXT NOT NULL UNIQUE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (area_id, alias_key)
);

-- No foreign key to people: the record outlives the person.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    before     TEXT,
    after      TEXT
);

CREATE INDEX ix_audit_log_at ON audit_log (at);
