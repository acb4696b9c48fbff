-- A user may be one of the persons in the CRM (staff, agents, customers who log in).
ALTER TABLE users ADD COLUMN IF NOT EXISTS person_id BIGINT UNSIGNED NULL AFTER email;
ALTER TABLE users ADD CONSTRAINT fk_users_person FOREIGN KEY IF NOT EXISTS (person_id) REFERENCES parties (id);
