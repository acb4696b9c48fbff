<?cs set:Page.title = Lang.admin.fields.title ?><?cs set:Page.section = "fields" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <div class="toolbar">
    <h1><?cs var:Lang.admin.fields.title ?></h1>
    <a class="button" id="new-field" href="/admin/field/new"><?cs var:Lang.admin.fields.new ?></a>
  </div>
  <p class="muted"><?cs var:Lang.admin.fields.help ?></p>
  <p id="rules-links"><?cs var:Lang.admin.fields.rules_intro ?> <a href="/admin/fields/rules?entity=users" id="rules-users"><?cs var:Lang.admin.fields.entities.users ?></a> · <a href="/admin/fields/rules?entity=teams" id="rules-teams"><?cs var:Lang.admin.fields.entities.teams ?></a> · <a href="/parties/fields/rules?entity=persons" id="rules-persons"><?cs var:Lang.admin.fields.entities.persons ?></a> · <a href="/parties/fields/rules?entity=companies" id="rules-companies"><?cs var:Lang.admin.fields.entities.companies ?></a></p>
  <?cs call:rec_notices() ?>
  <?cs call:rec_list("fields") ?>
</section>
<?cs include:"layout/footer.cs" ?>
