<?cs set:Page.title = Lang.admin.fields.title ?><?cs set:Page.section = "fields" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <div class="toolbar">
    <h1><?cs var:Lang.admin.fields.title ?></h1>
    <a class="button" id="new-field" href="/admin/field/new"><?cs var:Lang.admin.fields.new ?></a>
  </div>
  <p class="muted"><?cs var:Lang.admin.fields.help ?></p>
  <?cs call:rec_notices() ?>
  <?cs call:rec_list("fields") ?>
</section>
<?cs include:"layout/footer.cs" ?>
