-- The built-in roles' descriptions were seeded in English; a reader of Persian or Turkish saw them
-- so. Left empty, the roles screens name them from the language files (Lang.admin.role_desc.*);
-- a description an administrator has written since stays as written.
UPDATE roles SET description = '' WHERE name = 'admin' AND description = 'Administrators: every action on every module';
UPDATE roles SET description = '' WHERE name = 'staff' AND description = 'Staff: the start page';
