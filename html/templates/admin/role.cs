<?cs set:Page.title = Lang.admin.role ?><?cs set:Page.section = "roles" ?><?cs include:"layout/header.cs" ?>
<?cs if:Edit.id ?><?cs set:can_save = Perm.admin.edit ?><?cs set:action = "/admin/role/update" ?><?cs else ?><?cs set:can_save = Perm.admin.create ?><?cs set:action = "/admin/role/create" ?><?cs /if ?>
<?cs if:Edit.builtin ?><?cs set:can_save = "" ?><?cs /if ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs if:Edit.id ?><?cs var:Edit.name ?><?cs else ?><?cs var:Lang.admin.new_role ?><?cs /if ?></h1>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.failed ?><p class="error" role="alert" id="form-error"><?cs var:Lang.admin.err.fix ?></p><?cs /if ?>
  <?cs if:Edit.builtin ?><p class="notice"><?cs var:Lang.admin.builtin_role ?></p><?cs /if ?>
  <form method="post" action="<?cs var:action ?>" class="form" id="role-form">
    <?cs call:csrf_field() ?>
    <?cs if:Edit.id ?><input type="hidden" name="id" value="<?cs var:Edit.id ?>"><input type="hidden" name="version" value="<?cs var:Edit.version ?>"><?cs /if ?>
    <label for="name"><?cs var:Lang.admin.role_name ?></label>
    <input id="name" name="name" value="<?cs var:Edit.name ?>" required maxlength="64"<?cs if:!can_save ?> disabled<?cs /if ?>>
    <?cs if:Form.errors.name ?><span class="field-error"><?cs var:Form.errors.name ?></span><?cs /if ?>
    <label for="description"><?cs var:Lang.admin.description ?></label>
    <input id="description" name="description" value="<?cs var:Edit.description ?>" placeholder="<?cs var:Lang.admin.role_desc[Edit.name] ?>" maxlength="255"<?cs if:!can_save ?> disabled<?cs /if ?>>
    <h2><?cs var:Lang.admin.matrix ?></h2>
    <p class="muted"><?cs var:Lang.admin.matrix_help ?></p>
    <?cs if:Form.errors.matrix ?><span class="field-error"><?cs var:Form.errors.matrix ?></span><?cs /if ?>
    <div class="scroll table-responsive" tabindex="0" role="region" aria-label="<?cs var:Lang.admin.matrix ?>"><table class="grid matrix" id="matrix">
      <thead><tr><th scope="col"><span class="visually-hidden"><?cs var:Lang.admin.module ?></span></th><?cs each:a = Actions ?><th><?cs var:a.label ?></th><?cs /each ?></tr></thead>
      <tbody><?cs each:m = Matrix ?><tr><th scope="row"><?cs var:m.label ?></th>
        <?cs each:c = m.cells ?><td><?cs if:c.on == "1" ?><select name="p_<?cs var:m.module ?>_<?cs var:c.action ?>" aria-label="<?cs var:m.label ?> · <?cs var:c.action ?>" class="scope scope-<?cs var:c.scope ?>"<?cs if:!can_save ?> disabled<?cs /if ?>>
          <?cs each:s = Lang.options.scope ?><option value="<?cs var:name(s) ?>"<?cs if:c.scope == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?>
        </select><?cs /if ?></td><?cs /each ?></tr><?cs /each ?></tbody>
    </table></div>
    <?cs if:can_save ?><button type="submit" id="save" class="btn btn-primary"><?cs var:Lang.admin.save ?></button><?cs /if ?>
  </form>
  <?cs if:Edit.id ?><?cs include:"layout/history.cs" ?><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
