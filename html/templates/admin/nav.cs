<nav class="subnav" aria-label="<?cs var:Lang.admin.title ?>">
  <a href="/admin/users"<?cs if:Page.section == "users" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.users ?></a>
  <a href="/admin/roles"<?cs if:Page.section == "roles" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.roles ?></a>
  <a href="/admin/teams"<?cs if:Page.section == "teams" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.teams ?></a>
  <?cs if:Perm.admin.configure ?><a href="/admin/fields"<?cs if:Page.section == "fields" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.fields.title ?></a><?cs /if ?>
  <a href="/admin/audit"<?cs if:Page.section == "audit" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.audit ?></a>
  <?cs if:User.is_admin ?><a href="/admin/backups"<?cs if:Page.section == "backups" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.backups ?></a><?cs /if ?>
</nav>
