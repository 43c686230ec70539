-- A newer reset request replaces the links sent before it: only the latest one works.
ALTER TABLE password_resets ADD COLUMN replaced_at TIMESTAMP;
