DROP TABLE email_confirmations;
DROP TABLE buyers;
