-- Theme demand kept up to date as items change, so ranking an area's themes reads one row per theme
-- instead of every item. Triggers on feedback_items keep both tables right whatever writes the items
-- (capture, link, merge, account linking, imports, demo data), and this file fills them for existing data.
-- Segments are not copied: they are joined from accounts when read, so a re-imported account counts at once.

-- Each account once per theme: its largest revenue at stake, how many items it gave, its newest item.
CREATE TABLE feedback_theme_accounts (
    theme_id    INTEGER NOT NULL,
    -- The items' account key; '' stands for items without an account, so the pair can be the key.
    account_key TEXT NOT NULL,
    account_id  INTEGER NULL,
    arr         REAL NULL,
    items       INTEGER NOT NULL,
    newest      TEXT NOT NULL,
    PRIMARY KEY (theme_id, account_key)
) WITHOUT ROWID;

-- Finds a theme's newest item at once when the group that held it goes away.
CREATE INDEX ix_feedback_theme_accounts_newest ON feedback_theme_accounts (theme_id, newest);

-- The sums of the rows above per theme: unique accounts, their ARR, items, newest item.
CREATE TABLE feedback_theme_totals (
    theme_id INTEGER PRIMARY KEY,
    accounts INTEGER NOT NULL,
    arr      REAL NOT NULL,
    items    INTEGER NOT NULL,
    newest   TEXT NOT NULL
);

INSERT INTO feedback_theme_accounts (theme_id, account_key, account_id, arr, items, newest)
SELECT theme_id, COALESCE(account_key, ''), MAX(account_id), MAX(arr), COUNT(*), MAX(created_at)
FROM feedback_items
WHERE theme_id IS NOT NULL
GROUP BY theme_id, account_key;

INSERT INTO feedback_theme_totals (theme_id, accounts, arr, items, newest)
SELECT theme_id, COUNT(NULLIF(account_key, '')), COALESCE(SUM(CASE WHEN account_key <> '' THEN arr END), 0), SUM(items), MAX(newest)
FROM feedback_theme_accounts
GROUP BY theme_id;

-- Sums are added and taken away row by row; only a theme's newest item date is looked up again,
-- and only when the row that held it goes.
CREATE TRIGGER feedback_theme_accounts_added AFTER INSERT ON feedback_theme_accounts BEGIN
    INSERT INTO feedback_theme_totals (theme_id, accounts, arr, items, newest)
    VALUES (new.theme_id, new.account_key <> '', CASE WHEN new.account_key <> '' THEN COALESCE(new.arr, 0) ELSE 0 END, new.items, new.newest)
    ON CONFLICT (theme_id) DO UPDATE SET
        accounts = accounts + excluded.accounts,
        arr = arr + excluded.arr,
        items = items + excluded.items,
        newest = max(newest, excluded.newest);
END;

CREATE TRIGGER feedback_theme_accounts_removed AFTER DELETE ON feedback_theme_accounts BEGIN
    DELETE FROM feedback_theme_totals WHERE theme_id = old.theme_id AND items = old.items;
    UPDATE feedback_theme_totals SET
        accounts = accounts - (old.account_key <> ''),
        arr = arr - CASE WHEN old.account_key <> '' THEN COALESCE(old.arr, 0) ELSE 0 END,
        items = items - old.items,
        newest = CASE WHEN newest > old.newest THEN newest
                      ELSE (SELECT MAX(newest) FROM feedback_theme_accounts WHERE theme_id = old.theme_id) END
    WHERE theme_id = old.theme_id;
END;

-- SQLite has no procedures: inserting (theme, account key) into this empty view recounts that
-- account's row for the theme from its items, through the covering index ix_feedback_items_theme.
CREATE VIEW feedback_theme_recount (theme_id, account_key) AS SELECT NULL, NULL WHERE 0;

CREATE TRIGGER feedback_theme_recount INSTEAD OF INSERT ON feedback_theme_recount BEGIN
    DELETE FROM feedback_theme_accounts WHERE theme_id = new.theme_id AND account_key = COALESCE(new.account_key, '');
    INSERT INTO feedback_theme_accounts (theme_id, account_key, account_id, arr, items, newest)
    SELECT theme_id, COALESCE(account_key, ''), MAX(account_id), MAX(arr), COUNT(*), MAX(created_at)
    FROM feedback_items
    WHERE theme_id = new.theme_id AND account_key IS new.account_key
    GROUP BY theme_id, account_key;
END;

CREATE TRIGGER feedback_items_totals_insert AFTER INSERT ON feedback_items WHEN new.theme_id IS NOT NULL BEGIN
    INSERT INTO feedback_theme_recount VALUES (new.theme_id, new.account_key);
END;

CREATE TRIGGER feedback_items_totals_delete AFTER DELETE ON feedback_items WHEN old.theme_id IS NOT NULL BEGIN
    INSERT INTO feedback_theme_recount VALUES (old.theme_id, old.account_key);
END;

CREATE TRIGGER feedback_items_totals_update AFTER UPDATE OF theme_id, account_key, account_id, arr, created_at ON feedback_items
WHEN old.theme_id IS NOT new.theme_id OR old.account_key IS NOT new.account_key OR old.account_id IS NOT new.account_id
     OR old.arr IS NOT new.arr OR old.created_at IS NOT new.created_at
BEGIN
    INSERT INTO feedback_theme_recount SELECT old.theme_id, old.account_key WHERE old.theme_id IS NOT NULL;
    INSERT INTO feedback_theme_recount SELECT new.theme_id, new.account_key
    WHERE new.theme_id IS NOT NULL AND (new.theme_id IS NOT old.theme_id OR new.account_key IS NOT old.account_key);
END;
