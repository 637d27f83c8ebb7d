-- The customer account catalogue, imported from the CRM. Keys are lower-cased in code
-- (SQLite's lower() folds ASCII only), so lookups ignore case for every script.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    segment TEXT NULL,
    arr REAL NULL,
    owner_id INTEGER NULL REFERENCES people (id) ON DELETE SET NULL,
    renewal_date TEXT NULL,
    crm_id TEXT NULL UNIQUE
);

CREATE TABLE account_aliases (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (account_id, alias_key)
);

CREATE INDEX ix_account_aliases_key ON account_aliases (alias_key);
CREATE INDEX ix_accounts_owner ON accounts (owner_id);
