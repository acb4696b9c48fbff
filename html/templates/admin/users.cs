<?cs set:Page.title = Lang.admin.users ?><?cs set:Page.section = "users" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <div class="toolbar">
    <h1><?cs var:Lang.admin.users ?></h1>
    <?cs if:Perm.admin.create ?><a class="button" id="new-user" href="/admin/user/new"><?cs var:Lang.admin.new_user ?></a><?cs /if ?>
  </div>
  <?cs if:Perm.admin.export ?><?cs call:export_links("/admin/users/export", List.query) ?><?cs /if ?>
  <?cs call:rec_list("users") ?>
</section>
<?cs include:"layout/footer.cs" ?>
