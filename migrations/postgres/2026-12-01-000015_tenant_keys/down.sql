ALTER TABLE users DROP CONSTRAINT users_exhibitor;
ALTER TABLE invitations DROP CONSTRAINT invitations_exhibitor;
ALTER TABLE works DROP CONSTRAINT works_pavilion_id_exhibitor_id_fkey;
ALTER TABLE published_exhibitors DROP CONSTRAINT published_exhibitors_pavilion_id_exhibitor_id_fkey;
ALTER TABLE published_works DROP CONSTRAINT published_works_pavilion_id_exhibitor_id_fkey;
ALTER TABLE reminders DROP CONSTRAINT reminders_pavilion_id_exhibitor_id_fkey;

ALTER TABLE exhibitors DROP CONSTRAINT exhibitors_pkey;
ALTER TABLE exhibitors ADD CONSTRAINT exhibitors_pkey PRIMARY KEY (id);
ALTER TABLE exhibitors ADD CONSTRAINT exhibitors_pavilion_id_id_key UNIQUE (pavilion_id, id);
ALTER TABLE works DROP CONSTRAINT works_pkey;
ALTER TABLE works ADD CONSTRAINT works_pkey PRIMARY KEY (id);
ALTER TABLE works ADD CONSTRAINT works_pavilion_id_id_key UNIQUE (pavilion_id, id);
ALTER TABLE invitations DROP CONSTRAINT invitations_pkey;
ALTER TABLE invitations ADD CONSTRAINT invitations_pkey PRIMARY KEY (id);
ALTER TABLE invitations ADD CONSTRAINT invitations_id_pavilion_id_key UNIQUE (id, pavilion_id);

ALTER TABLE users ADD CONSTRAINT users_exhibitor
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id);
ALTER TABLE invitations ADD CONSTRAINT invitations_exhibitor
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id);
ALTER TABLE works ADD CONSTRAINT works_pavilion_id_exhibitor_id_fkey
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id) ON DELETE CASCADE;
ALTER TABLE published_exhibitors ADD CONSTRAINT published_exhibitors_pavilion_id_exhibitor_id_fkey
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id) ON DELETE CASCADE;
ALTER TABLE published_works ADD CONSTRAINT published_works_pavilion_id_exhibitor_id_fkey
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id) ON DELETE CASCADE;
ALTER TABLE reminders ADD CONSTRAINT reminders_pavilion_id_exhibitor_id_fkey
    FOREIGN KEY (pavilion_id, exhibitor_id) REFERENCES exhibitors (pavilion_id, id);
