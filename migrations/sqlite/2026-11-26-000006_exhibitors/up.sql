-- Exhibitor companies, their catalogues of works, and the published (approved) copy the public
-- reads. Profiles and works are JSON documents stored as TEXT; the columns beside them are what
-- queries filter on.

CREATE TABLE exhibitors (
    id TEXT PRIMARY KEY NOT NULL,
    pavilion_id TEXT NOT NULL REFERENCES pavilions (id),
    -- The working copy the company edits (JSON).
    profile TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'changes_requested', 'approved')),
    -- Bumped by every change to the company or its works: the ETag, and the guard of If-Match.
    version BIGINT NOT NULL,
    -- 0..100, kept with every write so admins can filter on it.
    completeness INTEGER NOT NULL,
    -- The last request-changes comment.
    review_comment TEXT,
    -- An admin's exception to the pavilion's deadline, until the next approval.
    edits_unlocked BOOLEAN NOT NULL DEFAULT FALSE,
    -- Sort key for lists: the name in the first filled language, lower-cased.
    sort_name TEXT NOT NULL,
    submitted_at TIMESTAMP,
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (pavilion_id, id)
);
CREATE INDEX exhibitors_pavilion_status ON exhibitors (pavilion_id, status, id);

CREATE TABLE works (
    id TEXT PRIMARY KEY NOT NULL,
    pavilion_id TEXT NOT NULL,
    exhibitor_id TEXT NOT NULL,
    data TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (pavilion_id, id),
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id) ON DELETE CASCADE
);
CREATE INDEX works_exhibitor ON works (pavilion_id, exhibitor_id, id);

-- The last approved version of each company, as the public sees it.
CREATE TABLE published_exhibitors (
    pavilion_id TEXT NOT NULL,
    exhibitor_id TEXT NOT NULL,
    profile TEXT NOT NULL,
    company_type TEXT,
    sort_name TEXT NOT NULL,
    -- Lower-cased names, description and city in every language, for text search.
    search_text TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    PRIMARY KEY (pavilion_id, exhibitor_id),
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id) ON DELETE CASCADE
);
CREATE INDEX published_exhibitors_id ON published_exhibitors (exhibitor_id);

-- The works of the last approved version. List-valued filters are stored as '|a|b|' so one
-- LIKE '%|a|%' matches an element on both backends.
CREATE TABLE published_works (
    pavilion_id TEXT NOT NULL,
    work_id TEXT NOT NULL,
    exhibitor_id TEXT NOT NULL,
    data TEXT NOT NULL,
    kind TEXT NOT NULL,
    production_status TEXT NOT NULL,
    genres TEXT NOT NULL,
    languages TEXT NOT NULL,
    territories TEXT NOT NULL,
    search_text TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    PRIMARY KEY (pavilion_id, work_id),
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id) ON DELETE CASCADE
);
CREATE INDEX published_works_exhibitor ON published_works (pavilion_id, exhibitor_id);
CREATE INDEX published_works_id ON published_works (work_id);

-- Exhibitor users belong to one company of their own pavilion.
ALTER TABLE users ADD COLUMN exhibitor_id TEXT REFERENCES exhibitors (id);
-- SQLite cannot add a composite foreign key to an existing table; these triggers refuse an
-- account or invitation tied to another pavilion's company (PostgreSQL uses a foreign key).
CREATE TRIGGER users_exhibitor_same_pavilion_insert BEFORE INSERT ON users
WHEN NEW.exhibitor_id IS NOT NULL AND NOT EXISTS
    (SELECT 1 FROM exhibitors WHERE id = NEW.exhibitor_id AND pavilion_id = NEW.pavilion_id)
BEGIN SELECT RAISE(ABORT, 'exhibitor belongs to another pavilion'); END;
CREATE TRIGGER users_exhibitor_same_pavilion_update BEFORE UPDATE OF exhibitor_id, pavilion_id ON users
WHEN NEW.exhibitor_id IS NOT NULL AND NOT EXISTS
    (SELECT 1 FROM exhibitors WHERE id = NEW.exhibitor_id AND pavilion_id = NEW.pavilion_id)
BEGIN SELECT RAISE(ABORT, 'exhibitor belongs to another pavilion'); END;
CREATE TRIGGER invitations_exhibitor_same_pavilion BEFORE INSERT ON invitations
WHEN NEW.exhibitor_id IS NOT NULL AND NOT EXISTS
    (SELECT 1 FROM exhibitors WHERE id = NEW.exhibitor_id AND pavilion_id = NEW.pavilion_id)
BEGIN SELECT RAISE(ABORT, 'exhibitor belongs to another pavilion'); END;
