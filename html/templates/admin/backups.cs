<?cs set:Page.title = Lang.admin.backups ?><?cs set:Page.section = "backups" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs var:Lang.admin.backups ?></h1>
  <p class="muted"><?cs var:Lang.admin.backup_hint ?></p>
  <?cs if:Done.made ?><p class="notice" role="status" id="backup-made"><?cs var:Lang.admin.backup_made ?> <span dir="ltr"><?cs var:Done.made ?></span></p><?cs /if ?>
  <?cs if:Done.restored ?><p class="notice" role="status" id="backup-restored"><?cs var:Lang.admin.backup_restored ?> <span dir="ltr"><?cs var:Done.restored ?></span>. <?cs var:Lang.admin.backup_before ?> <span dir="ltr"><?cs var:Done.before ?></span></p><?cs /if ?>
  <?cs if:Form.errors.confirm ?><p class="error" role="alert" id="form-error"><?cs var:Form.errors.confirm ?></p><?cs /if ?>
  <form method="post" action="/admin/backup/create"><?cs call:csrf_field() ?><button type="submit" class="btn btn-primary" id="backup-now"><?cs var:Lang.admin.backup_now ?></button></form>
  <div class="table-responsive"><table class="grid" id="backups">
    <thead><tr><th><?cs var:Lang.admin.backup_file ?></th><th><?cs var:Lang.admin.backup_size ?></th><th></th></tr></thead>
    <tbody><?cs each:b = Backups ?><tr>
      <td dir="ltr"><a href="/admin/backup/download?name=<?cs var:url_escape(b.name) ?>"><?cs var:b.name ?></a></td><td dir="ltr"><?cs var:b.size ?> MB</td>
      <td><?cs if:Perm.admin.purge ?><form method="post" action="/admin/backup/restore" class="inline restore"><?cs call:csrf_field() ?>
        <input type="hidden" name="name" value="<?cs var:b.name ?>">
        <label><?cs var:Lang.admin.backup_confirm ?> <input name="confirm" dir="ltr" size="26" required autocomplete="off" aria-label="<?cs var:Lang.admin.backup_confirm ?>"></label>
        <button type="submit" class="danger"><?cs var:Lang.admin.backup_restore ?></button></form><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table></div>
  <?cs if:subcount(Backups) == 0 ?><p class="muted" id="no-backups"><?cs var:Lang.admin.backup_none ?></p><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
