-- Requests match the pool on role and region; the expressions are the ones the match query uses,
-- so the match reads only the people with that role and region instead of the whole pool.
CREATE INDEX ix_participants_role_region ON participants (lower(role), lower(region));
CREATE INDEX ix_participants_region ON participants (lower(region));

-- The rules read every matched person's and account's ledger; these carry every column the rules
-- use, so that read stays in the index instead of visiting a million-row table at random.
-- They start with the columns of the indexes they replace.
DROP INDEX ix_contact_ledger_participant;
DROP INDEX ix_contact_ledger_account;
CREATE INDEX ix_contact_ledger_participant_rules ON contact_ledger (participant_id, at, status, expires_at, request_id, account_id, team, method, incentive);
CREATE INDEX ix_contact_ledger_account_rules ON contact_ledger (account_id, at, status, expires_at, request_id, participant_id, team, method, incentive);
