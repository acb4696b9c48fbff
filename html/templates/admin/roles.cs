<?cs set:Page.title = Lang.admin.roles ?><?cs set:Page.section = "roles" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <div class="toolbar">
    <h1><?cs var:Lang.admin.roles ?></h1>
    <?cs if:Perm.admin.create ?><a class="button" id="new-role" href="/admin/role/new"><?cs var:Lang.admin.new_role ?></a><?cs /if ?>
  </div>
  <div class="table-responsive"><table class="grid" id="roles">
    <thead><tr><th><?cs var:Lang.admin.role_name ?></th><th><?cs var:Lang.admin.description ?></th><th><?cs var:Lang.admin.users ?></th></tr></thead>
    <tbody><?cs each:ro = Roles ?><tr><td><a href="/admin/role?id=<?cs var:url_escape(ro.id) ?>"><?cs var:ro.name ?></a></td><td><?cs if:ro.description ?><?cs var:ro.description ?><?cs else ?><?cs var:Lang.admin.role_desc[ro.name] ?><?cs /if ?></td><td><?cs var:ro.users ?></td></tr><?cs /each ?></tbody>
  </table></div>
</section>
<?cs include:"layout/footer.cs" ?>
