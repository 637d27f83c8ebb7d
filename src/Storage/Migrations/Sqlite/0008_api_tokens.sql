-- API tokens for /api/…: only the SHA-256 hash of a token is kept, never the token.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    last_used_at TEXT NULL,
    revoked_at TEXT NULL
);

-- One active token per name; revoked ones keep their name for the record.
CREATE UNIQUE INDEX ux_api_tokens_active_name ON api_tokens (lower(name)) WHERE revoked_at IS NULL;
