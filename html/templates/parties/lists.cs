<?cs set:Page.title = Lang.parties.lists ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Lang.parties.lists ?></h1>
  <?cs include:"parties/list_kinds.cs" ?>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.errors.entry ?><p class="error" role="alert" id="form-error"><?cs var:Form.errors.entry ?></p><?cs /if ?>
  <?cs if:Form.errors.name_fa ?><p class="error" role="alert" id="name_fa-error">فارسی: <?cs var:Form.errors.name_fa ?></p><?cs /if ?>
  <?cs if:Form.errors.name_en ?><p class="error" role="alert" id="name_en-error">English: <?cs var:Form.errors.name_en ?></p><?cs /if ?>
  <?cs if:Form.errors.name_tr ?><p class="error" role="alert" id="name_tr-error">Türkçe: <?cs var:Form.errors.name_tr ?></p><?cs /if ?>
  <table class="grid" id="entries">
    <thead><tr><th><?cs var:Lang.parties.code ?></th><th>فارسی</th><th>English</th><th>Türkçe</th><th><?cs var:Lang.parties.sort ?></th><th><?cs var:Lang.admin.active ?></th><th></th></tr></thead>
    <tbody><?cs each:e = Entries ?><tr<?cs if:e.is_active == "0" ?> class="inactive"<?cs /if ?>>
      <td dir="ltr"><?cs var:e.code ?></td>
      <td><input form="entry-<?cs var:e.id ?>" name="name_fa" value="<?cs var:e.name_fa ?>" maxlength="128" required dir="rtl" aria-label="فارسی"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td><input form="entry-<?cs var:e.id ?>" name="name_en" value="<?cs var:e.name_en ?>" maxlength="128" required dir="ltr" aria-label="English"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td><input form="entry-<?cs var:e.id ?>" name="name_tr" value="<?cs var:e.name_tr ?>" maxlength="128" required dir="ltr" aria-label="Türkçe"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td><input form="entry-<?cs var:e.id ?>" name="sort" value="<?cs var:e.sort ?>" size="4" dir="ltr" aria-label="<?cs var:Lang.parties.sort ?>"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td><input form="entry-<?cs var:e.id ?>" type="checkbox" name="is_active" value="1"<?cs if:e.is_active == "1" ?> checked<?cs /if ?> aria-label="<?cs var:Lang.admin.active ?>"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td><form method="post" action="/parties/list/save" id="entry-<?cs var:e.id ?>"><?cs call:csrf_field() ?>
        <input type="hidden" name="kind" value="<?cs var:Filter.kind ?>"><input type="hidden" name="id" value="<?cs var:e.id ?>"><input type="hidden" name="version" value="<?cs var:e.version ?>">
        <?cs if:Perm.parties.configure ?><button type="submit"><?cs var:Lang.admin.save ?></button><?cs /if ?></form></td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs if:Perm.parties.configure ?><form method="post" action="/parties/list/save" class="filters" id="entry-new"><?cs call:csrf_field() ?>
    <input type="hidden" name="kind" value="<?cs var:Filter.kind ?>">
    <input name="code" dir="ltr" size="10" required pattern="[a-z0-9_]+" placeholder="<?cs var:Lang.parties.code ?>" aria-label="<?cs var:Lang.parties.code ?>">
    <input name="name_fa" dir="rtl" required placeholder="فارسی" aria-label="فارسی">
    <input name="name_en" dir="ltr" required placeholder="English" aria-label="English">
    <input name="name_tr" dir="ltr" required placeholder="Türkçe" aria-label="Türkçe">
    <input name="sort" dir="ltr" size="4" value="100" aria-label="<?cs var:Lang.parties.sort ?>">
    <button type="submit"><?cs var:Lang.parties.add ?></button></form><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
