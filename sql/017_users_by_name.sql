-- The users list reads by display name from its own index (the records engine's keyset).
ALTER TABLE users ADD KEY IF NOT EXISTS ix_users_display_name (display_name, id);
