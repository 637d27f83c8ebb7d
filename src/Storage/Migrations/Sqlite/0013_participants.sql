-- Research participants, their requests and the one contact ledger every team shares.
-- E-mails are lower-cased in code, so the unique key ignores case for every script.
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    role TEXT NULL,
    segment TEXT NULL,
    region TEXT NULL,
    time_zone TEXT NULL,
    opt_interview INTEGER NOT NULL DEFAULT 0,
    opt_usability INTEGER NOT NULL DEFAULT 0,
    opt_survey INTEGER NOT NULL DEFAULT 0,
    opt_beta INTEGER NOT NULL DEFAULT 0,
    do_not_contact TEXT NULL,
    source TEXT NULL,
    notes TEXT NULL
);

CREATE INDEX ix_participants_account ON participants (account_id);

CREATE TABLE participant_requests (
    id INTEGER PRIMARY KEY,
    pm_id INTEGER NOT NULL REFERENCES people (id),
    team TEXT NOT NULL,
    study TEXT NOT NULL,
    method TEXT NOT NULL,
    wanted INTEGER NOT NULL,
    criteria TEXT NOT NULL,
    incentive REAL NOT NULL DEFAULT 0,
    window_start TEXT NULL,
    window_end TEXT NULL,
    per_account INTEGER NOT NULL DEFAULT 1,
    proposed TEXT NOT NULL DEFAULT '',
    skipped TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_participant_requests_pm ON participant_requests (pm_id, created_at);

-- The ledger: one row per person per study. Rules count rows that still hold a place:
-- awaiting approval, reserved and not lapsed, contacted, completed, no-show.
CREATE TABLE contact_ledger (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NULL REFERENCES participant_requests (id),
    participant_id INTEGER NOT NULL REFERENCES participants (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    study TEXT NOT NULL,
    method TEXT NOT NULL,
    team TEXT NOT NULL,
    asked_by INTEGER NULL REFERENCES people (id),
    status TEXT NOT NULL,
    incentive REAL NOT NULL DEFAULT 0,
    at TEXT NOT NULL,
    expires_at TEXT NULL,
    approver_id INTEGER NULL REFERENCES people (id),
    approval_asked_at TEXT NULL,
    reminded_at TEXT NULL,
    escalated_at TEXT NULL
);

CREATE INDEX ix_contact_ledger_participant ON contact_ledger (participant_id, at);
CREATE INDEX ix_contact_ledger_account ON contact_ledger (account_id, at);
CREATE INDEX ix_contact_ledger_request ON contact_ledger (request_id);
CREATE INDEX ix_contact_ledger_open ON contact_ledger (status, expires_at);

-- What happened to each contact, in order: reserved, approval asked, approved, declined,
-- suggested, override, contacted, completed, no-show, released, expired.
CREATE TABLE contact_events (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact_ledger (id),
    kind TEXT NOT NULL,
    actor_id INTEGER NULL REFERENCES people (id),
    reason TEXT NULL,
    at TEXT NOT NULL
);

CREATE INDEX ix_contact_events_contact ON contact_events (contact_id);

-- Rule values changed in chat; rules not listed here keep their configured default.
CREATE TABLE participant_rules (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL,
    changed_by INTEGER NULL REFERENCES people (id),
    changed_at TEXT NOT NULL
);
