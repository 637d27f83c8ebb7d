-- The match reads a role and region's people, then keeps those in the request's segment (a person's
-- own, else their account's). With the account and segment in the index, SQLite checks the segment
-- before it reads a person's row, so people of other segments are never read.
DROP INDEX ix_participants_role_region;
CREATE INDEX ix_participants_role_region_segment ON participants (lower(role), lower(region), account_id, segment);
