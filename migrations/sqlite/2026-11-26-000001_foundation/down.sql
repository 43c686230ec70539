DROP TABLE sessions;
DROP TABLE users;
DROP TABLE pavilions;
