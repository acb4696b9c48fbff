<?cs set:Page.title = Lang.admin.teams ?><?cs set:Page.section = "teams" ?><?cs include:"layout/header.cs" ?>
<?cs if:Form.id ?><?cs set:can_save = Perm.admin.edit ?><?cs set:action = "/admin/team/update" ?><?cs else ?><?cs set:can_save = Perm.admin.create ?><?cs set:action = "/admin/team/create" ?><?cs /if ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs if:Form.id ?><?cs var:Form.title ?><?cs else ?><?cs var:Lang.admin.new_team ?><?cs /if ?></h1>
  <?cs call:rec_notices() ?>
  <form method="post" action="<?cs var:action ?>" class="form" id="team-form">
    <?cs call:rec_form_head() ?>
    <?cs call:rec_fields(!can_save) ?>
    <?cs if:can_save ?><div class="form-actions"><button type="submit" id="save" class="btn btn-primary"><?cs var:Lang.admin.save ?></button></div><?cs /if ?>
  </form>
  <?cs if:Form.id ?><?cs include:"layout/history.cs" ?><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
