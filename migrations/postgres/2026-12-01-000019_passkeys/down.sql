ALTER TABLE second_factor_challenges DROP COLUMN passkey_state;
ALTER TABLE second_factor_challenges DROP COLUMN passkey_options;
DROP TABLE passkey_ceremonies;
DROP TABLE passkeys;
