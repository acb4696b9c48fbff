<?cs set:Page.title = Lang.admin.users ?><?cs set:Page.section = "users" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <div class="toolbar">
    <h1><?cs var:Lang.admin.users ?></h1>
    <?cs if:Perm.admin.create ?><a class="button" id="new-user" href="/admin/user/new"><?cs var:Lang.admin.new_user ?></a><?cs /if ?>
  </div>
  <?cs if:Perm.admin.export ?><?cs call:export_links("/admin/users/export", "") ?><?cs /if ?>
  <table class="grid" id="users">
    <thead><tr><th><?cs var:Lang.admin.username ?></th><th><?cs var:Lang.admin.display_name ?></th><th><?cs var:Lang.admin.roles ?></th><th><?cs var:Lang.admin.status ?></th><th><?cs var:Lang.admin.last_login ?></th></tr></thead>
    <tbody>
    <?cs each:u = Users ?><tr<?cs if:!u.is_active ?> class="inactive"<?cs /if ?>>
      <td dir="ltr"><a href="/admin/user?id=<?cs var:url_escape(u.id) ?>"><?cs var:u.username ?></a></td>
      <td><?cs var:u.display_name ?></td>
      <td><?cs var:u.roles ?></td>
      <td><?cs if:u.is_active ?><?cs var:Lang.admin.active ?><?cs else ?><?cs var:Lang.admin.inactive ?><?cs /if ?></td>
      <td class="nowrap last-login"><span dir="ltr"><?cs var:u.last_login_at ?></span></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
</section>
<?cs include:"layout/footer.cs" ?>
