<?cs set:Page.title = Lang.admin.teams ?><?cs set:Page.section = "teams" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs var:Lang.admin.teams ?></h1>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.errors.name ?><p class="error" role="alert" id="form-error"><?cs var:Form.errors.name ?></p><?cs /if ?>
  <table class="grid" id="teams">
    <thead><tr><th><?cs var:Lang.admin.team_name ?></th><th><?cs var:Lang.admin.members ?></th></tr></thead>
    <tbody><?cs each:t = Teams ?><tr>
      <td><?cs if:Perm.admin.edit ?><form method="post" action="/admin/team/update" class="inline-form"><?cs call:csrf_field() ?>
        <input type="hidden" name="id" value="<?cs var:t.id ?>"><input type="hidden" name="version" value="<?cs var:t.version ?>">
        <input name="name" value="<?cs var:t.name ?>" aria-label="<?cs var:Lang.admin.team_name ?>" maxlength="128" required> <button type="submit"><?cs var:Lang.admin.rename ?></button></form>
        <?cs else ?><?cs var:t.name ?><?cs /if ?></td>
      <td><?cs var:t.members ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:Perm.admin.create ?><form method="post" action="/admin/team/create" class="inline-form" id="team-new"><?cs call:csrf_field() ?>
    <input name="name" placeholder="<?cs var:Lang.admin.team_name ?>" aria-label="<?cs var:Lang.admin.team_name ?>" maxlength="128" required> <button type="submit"><?cs var:Lang.admin.new_team ?></button></form><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
