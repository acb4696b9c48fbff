-- The admin role is a rule in the permission check (libcrm auth: perm_load), not rows:
-- its seeded rows go, and with them the silent cap they ran into.
DELETE rp FROM role_permissions rp JOIN roles r ON r.id = rp.role_id WHERE r.name = 'admin';

-- Reference data (managed lists, ranks, places, groups, fields) needs `configure`, not `edit`.
-- Roles that edited every record keep editing reference data; narrower ones (own, team) lose it.
INSERT IGNORE INTO role_permissions (role_id, module, action, scope)
SELECT role_id, module, 'configure', 'all' FROM role_permissions WHERE action = 'edit' AND scope = 'all';

-- The permission matrix's modules now come from the module registry (conf/modules).
DROP TABLE IF EXISTS app_modules;
