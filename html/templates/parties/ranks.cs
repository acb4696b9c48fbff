<?cs set:Page.title = Lang.parties.ranks ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Lang.parties.lists ?></h1>
  <?cs include:"parties/list_kinds.cs" ?>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.errors.rank ?><p class="error" role="alert" id="form-error"><?cs var:Form.errors.rank ?></p><?cs /if ?>
  <div class="table-responsive"><table class="grid cards" id="ranks">
    <thead><tr><th></th><th><?cs var:Lang.parties.name ?></th><th><?cs var:Lang.parties.f.color ?></th><th><?cs var:Lang.parties.sort ?></th><th></th></tr></thead>
    <tbody><?cs each:k = RankTypes ?><tr>
      <td><?cs call:swatch(k.color) ?></td>
      <td class="card-title-cell"><input form="rank-<?cs var:k.id ?>" name="name" value="<?cs var:k.name ?>" maxlength="64" required aria-label="<?cs var:Lang.parties.name ?>"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td data-label="<?cs var:Lang.parties.f.color ?>"><input form="rank-<?cs var:k.id ?>" name="color" type="color" value="<?cs var:k.color ?>" aria-label="<?cs var:Lang.parties.f.color ?>"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td data-label="<?cs var:Lang.parties.sort ?>"><input form="rank-<?cs var:k.id ?>" name="sort" value="<?cs var:k.sort ?>" size="4" dir="ltr" aria-label="<?cs var:Lang.parties.sort ?>"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td><form method="post" action="/parties/rank/save" id="rank-<?cs var:k.id ?>"><?cs call:csrf_field() ?>
        <input type="hidden" name="id" value="<?cs var:k.id ?>"><input type="hidden" name="version" value="<?cs var:k.version ?>">
        <?cs if:Perm.parties.configure ?><button type="submit"><?cs var:Lang.admin.save ?></button><?cs /if ?></form></td>
    </tr><?cs /each ?></tbody>
  </table></div>
  <?cs if:Perm.parties.configure ?><form method="post" action="/parties/rank/save" class="filters" id="rank-new"><?cs call:csrf_field() ?>
    <input name="name" maxlength="64" required placeholder="<?cs var:Lang.parties.name ?>" aria-label="<?cs var:Lang.parties.name ?>">
    <input name="color" type="color" value="#888888" aria-label="<?cs var:Lang.parties.f.color ?>">
    <input name="sort" dir="ltr" size="4" value="100" aria-label="<?cs var:Lang.parties.sort ?>">
    <button type="submit" class="btn btn-primary" id="rank-add"><?cs var:Lang.parties.add ?></button></form><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
