<?cs set:Page.title = Lang.admin.user ?><?cs set:Page.section = "users" ?><?cs include:"layout/header.cs" ?>
<?cs if:Edit.id ?><?cs set:can_save = Perm.admin.edit ?><?cs set:action = "/admin/user/update" ?><?cs else ?><?cs set:can_save = Perm.admin.create ?><?cs set:action = "/admin/user/create" ?><?cs /if ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs if:Edit.id ?><?cs var:Edit.display_name ?><?cs else ?><?cs var:Lang.admin.new_user ?><?cs /if ?></h1>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.failed ?><p class="error" role="alert" id="form-error"><?cs var:Lang.admin.err.fix ?></p><?cs /if ?>
  <?cs if:Form.conflict ?><div class="error" role="alert" id="form-conflict"><p><?cs var:Lang.admin.err.conflict ?></p>
    <p><?cs var:Lang.admin.display_name ?>: <?cs var:Found.0.display_name ?> · <?cs var:Lang.admin.email ?>: <?cs var:Found.0.email ?></p></div><?cs /if ?>
  <form method="post" action="<?cs var:action ?>" class="form grid-form" id="user-form">
    <?cs call:csrf_field() ?>
    <?cs if:Edit.id ?><input type="hidden" name="id" value="<?cs var:Edit.id ?>"><input type="hidden" name="version" value="<?cs var:Edit.version ?>"><?cs /if ?>
    <label for="username"><?cs var:Lang.admin.username ?></label>
    <div><input id="username" name="username" dir="ltr" value="<?cs var:Edit.username ?>"<?cs if:Edit.id || !can_save ?> disabled<?cs /if ?> required maxlength="64">
      <?cs if:Form.errors.username ?><span class="field-error"><?cs var:Form.errors.username ?></span><?cs /if ?></div>
    <label for="display_name"><?cs var:Lang.admin.display_name ?></label>
    <div><input id="display_name" name="display_name" value="<?cs var:Edit.display_name ?>" required maxlength="128"<?cs if:!can_save ?> disabled<?cs /if ?>>
      <?cs if:Form.errors.display_name ?><span class="field-error"><?cs var:Form.errors.display_name ?></span><?cs /if ?></div>
    <label for="email"><?cs var:Lang.admin.email ?></label>
    <div><input id="email" name="email" type="email" dir="ltr" value="<?cs var:Edit.email ?>" maxlength="255"<?cs if:!can_save ?> disabled<?cs /if ?>>
      <?cs if:Form.errors.email ?><span class="field-error"><?cs var:Form.errors.email ?></span><?cs /if ?></div>
    <label for="lang"><?cs var:Lang.admin.language ?></label>
    <div><select id="lang" name="lang"<?cs if:!can_save ?> disabled<?cs /if ?>>
      <?cs each:o = Lang.options.lang ?><option value="<?cs var:name(o) ?>"<?cs if:Edit.lang == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
    </select><?cs if:Form.errors.lang ?><span class="field-error"><?cs var:Form.errors.lang ?></span><?cs /if ?></div>
    <label for="calendar"><?cs var:Lang.admin.calendar ?></label>
    <div><select id="calendar" name="calendar"<?cs if:!can_save ?> disabled<?cs /if ?>>
      <?cs each:o = Lang.options.calendar ?><option value="<?cs var:name(o) ?>"<?cs if:Edit.calendar == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
    </select><?cs if:Form.errors.calendar ?><span class="field-error"><?cs var:Form.errors.calendar ?></span><?cs /if ?></div>
    <label for="digits"><?cs var:Lang.admin.digits ?></label>
    <div><select id="digits" name="digits"<?cs if:!can_save ?> disabled<?cs /if ?>>
      <?cs each:o = Lang.options.digits ?><option value="<?cs var:name(o) ?>"<?cs if:Edit.digits == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
    </select><?cs if:Form.errors.digits ?><span class="field-error"><?cs var:Form.errors.digits ?></span><?cs /if ?></div>
    <label for="week_start"><?cs var:Lang.admin.week_start ?></label>
    <div><select id="week_start" name="week_start"<?cs if:!can_save ?> disabled<?cs /if ?>>
      <?cs each:o = Lang.options.weekday ?><option value="<?cs var:name(o) ?>"<?cs if:Edit.week_start == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
    </select><?cs if:Form.errors.week_start ?><span class="field-error"><?cs var:Form.errors.week_start ?></span><?cs /if ?></div>
    <span><?cs var:Lang.admin.roles ?></span>
    <fieldset class="choices" id="roles"><?cs each:o = Roles ?><label><input type="checkbox" name="role" value="<?cs var:o.id ?>"<?cs if:o.checked == "1" ?> checked<?cs /if ?><?cs if:!can_save ?> disabled<?cs /if ?>> <?cs var:o.name ?></label><?cs /each ?>
      <?cs if:Form.errors.roles ?><span class="field-error"><?cs var:Form.errors.roles ?></span><?cs /if ?></fieldset>
    <span><?cs var:Lang.admin.teams ?></span>
    <fieldset class="choices" id="teams"><?cs each:o = Teams ?><label><input type="checkbox" name="team" value="<?cs var:o.id ?>"<?cs if:o.checked == "1" ?> checked<?cs /if ?><?cs if:!can_save ?> disabled<?cs /if ?>> <?cs var:o.name ?></label><?cs /each ?>
      <?cs if:subcount(Teams) == 0 ?><span class="muted"><?cs var:Lang.admin.no_teams ?></span><?cs /if ?></fieldset>
    <label for="person_code"><?cs var:Lang.admin.person ?></label>
    <div><input id="person_code" name="person_code" dir="ltr" maxlength="32" value="<?cs var:Edit.person_code ?>"<?cs if:!can_save ?> disabled<?cs /if ?>>
      <?cs if:Form.errors.person_code ?><span class="field-error"><?cs var:Form.errors.person_code ?></span><?cs /if ?></div>
    <label for="customers"><?cs var:Lang.admin.customers ?></label>
    <div><textarea id="customers" name="customers" dir="ltr" rows="3"<?cs if:!can_save ?> disabled<?cs /if ?>><?cs var:Edit.customers ?></textarea>
      <small class="muted"><?cs var:Lang.admin.customers_help ?></small>
      <?cs if:Form.errors.customers ?><span class="field-error"><?cs var:Form.errors.customers ?></span><?cs /if ?></div>
    <?cs if:Edit.id ?>
    <span></span><label class="check"><input type="checkbox" name="must_change_password" value="1"<?cs if:Edit.must_change_password == "1" ?> checked<?cs /if ?><?cs if:!can_save ?> disabled<?cs /if ?>> <?cs var:Lang.admin.must_change ?></label>
    <span><?cs var:Lang.admin.last_login ?></span><span class="value"><span dir="ltr" id="last-login"><?cs var:Edit.last_login_at ?></span></span>
    <?cs /if ?>
    <?cs if:can_save ?><span></span><div><button type="submit" id="save"><?cs var:Lang.admin.save ?></button></div><?cs /if ?>
  </form>
  <?cs if:Edit.id ?><div class="actions">
    <?cs if:Perm.admin.activate ?><form method="post" action="/admin/user/active" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.id ?>">
      <?cs if:Edit.is_active == "1" ?><input type="hidden" name="active" value="0"><button type="submit" id="deactivate"><?cs var:Lang.admin.deactivate ?></button>
      <?cs else ?><input type="hidden" name="active" value="1"><button type="submit" id="activate"><?cs var:Lang.admin.activate ?></button><?cs /if ?></form><?cs /if ?>
    <?cs if:Perm.admin.edit ?><form method="post" action="/admin/user/password" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Edit.id ?>"><button type="submit" id="reset-password"><?cs var:Lang.admin.reset_password ?></button></form><?cs /if ?>
  </div>
  <?cs include:"layout/history.cs" ?><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
