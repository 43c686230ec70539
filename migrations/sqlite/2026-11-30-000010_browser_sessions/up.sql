-- A session is an API client's (bearer and refresh tokens) or a browser's (an opaque cookie whose
-- hash is kept in refresh_token_hash). Neither credential works as the other.
ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'api';
