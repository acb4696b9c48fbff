<?cs set:Page.title = Lang.admin.user ?><?cs set:Page.section = "users" ?><?cs include:"layout/header.cs" ?>
<?cs if:Form.id ?><?cs set:can_save = Perm.admin.edit ?><?cs set:action = "/admin/user/update" ?><?cs else ?><?cs set:can_save = Perm.admin.create ?><?cs set:action = "/admin/user/create" ?><?cs /if ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs if:Form.id ?><?cs var:Form.title ?><?cs else ?><?cs var:Lang.admin.new_user ?><?cs /if ?></h1>
  <?cs call:rec_notices() ?>
  <form method="post" action="<?cs var:action ?>" class="form" id="user-form">
    <?cs call:rec_form_head() ?>
    <?cs call:rec_fields(!can_save) ?>
    <?cs if:can_save ?><div class="form-actions"><button type="submit" id="save" class="btn btn-primary"><?cs var:Lang.admin.save ?></button></div><?cs /if ?>
  </form>
  <?cs if:Form.id ?><div class="actions">
    <?cs if:Perm.admin.activate ?><form method="post" action="/admin/user/active" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Form.id ?>">
      <?cs if:Form.active == "1" ?><input type="hidden" name="active" value="0"><button type="submit" id="deactivate"><?cs var:Lang.admin.deactivate ?></button>
      <?cs else ?><input type="hidden" name="active" value="1"><button type="submit" id="activate"><?cs var:Lang.admin.activate ?></button><?cs /if ?></form><?cs /if ?>
    <?cs if:Perm.admin.edit ?><form method="post" action="/admin/user/password" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Form.id ?>"><button type="submit" id="reset-password"><?cs var:Lang.admin.reset_password ?></button></form><?cs /if ?>
  </div>
  <?cs include:"layout/history.cs" ?><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
