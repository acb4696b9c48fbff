<?cs set:Page.title = Lang.parties.groups ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Lang.parties.groups ?></h1>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.errors.group ?><p class="error" role="alert" id="form-error"><?cs var:Form.errors.group ?></p><?cs /if ?>
  <div class="table-responsive"><table class="grid" id="groups">
    <thead><tr><th><?cs var:Lang.parties.group ?></th><th><?cs var:Lang.parties.members ?></th><?cs if:Perm.parties.configure ?><th><?cs var:Lang.parties.move_under ?></th><?cs /if ?></tr></thead>
    <tbody><?cs each:g = Groups ?><tr data-path="<?cs var:g.path ?>">
      <td class="depth-<?cs var:g.depth ?>"><?cs if:Perm.parties.configure ?><form method="post" action="/parties/group/rename" class="inline-form"><?cs call:csrf_field() ?>
        <input type="hidden" name="id" value="<?cs var:g.id ?>"><input type="hidden" name="version" value="<?cs var:g.version ?>">
        <input name="name" value="<?cs var:g.name ?>" maxlength="128" required aria-label="<?cs var:Lang.parties.group ?>"> <button type="submit"><?cs var:Lang.admin.rename ?></button></form>
        <?cs else ?><?cs var:g.name ?><?cs /if ?>
        <a href="/parties/persons?state=all&amp;group=<?cs var:url_escape(g.id) ?>"><?cs var:Lang.parties.show_members ?></a></td>
      <td><span class="branch-total"><?cs var:g.total ?></span> <small class="muted">(<?cs var:g.direct ?>)</small></td>
      <?cs if:Perm.parties.configure ?><td><form method="post" action="/parties/group/move" class="inline-form"><?cs call:csrf_field() ?>
        <input type="hidden" name="id" value="<?cs var:g.id ?>">
        <select name="parent_id" aria-label="<?cs var:Lang.parties.move_under ?>"><option value="0"><?cs var:Lang.parties.top_level ?></option>
          <?cs each:o = Groups ?><option value="<?cs var:o.id ?>"<?cs if:o.id == g.parent_id ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?></select>
        <button type="submit"><?cs var:Lang.parties.move ?></button></form></td><?cs /if ?>
    </tr><?cs /each ?></tbody>
  </table></div>
  <?cs if:Perm.parties.configure ?><form method="post" action="/parties/group/create" class="inline-form" id="group-new"><?cs call:csrf_field() ?>
    <input name="name" maxlength="128" required placeholder="<?cs var:Lang.parties.group ?>" aria-label="<?cs var:Lang.parties.group ?>">
    <select name="parent_id" aria-label="<?cs var:Lang.parties.move_under ?>"><option value=""><?cs var:Lang.parties.top_level ?></option>
      <?cs each:o = Groups ?><option value="<?cs var:o.id ?>"><?cs var:o.name ?></option><?cs /each ?></select>
    <button type="submit" class="btn btn-primary"><?cs var:Lang.parties.add ?></button></form><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
