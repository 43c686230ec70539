DROP TABLE invitations;
ALTER TABLE sessions DROP COLUMN previous_refresh_token_hash;
