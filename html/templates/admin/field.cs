<?cs set:Page.title = Lang.admin.fields.title ?><?cs set:Page.section = "fields" ?><?cs include:"layout/header.cs" ?>
<?cs if:Form.id ?><?cs set:action = "/admin/field/update" ?><?cs else ?><?cs set:action = "/admin/field/create" ?><?cs /if ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs if:Form.id ?><?cs var:Form.title ?><?cs else ?><?cs var:Lang.admin.fields.new ?><?cs /if ?></h1>
  <?cs call:rec_notices() ?>
  <form method="post" action="<?cs var:action ?>" class="form" id="field-form">
    <?cs call:rec_form_head() ?>
    <?cs call:rec_fields(!Perm.admin.configure) ?>
    <?cs if:Perm.admin.configure ?><div class="form-actions"><button type="submit" id="save" class="btn btn-primary"><?cs var:Lang.admin.save ?></button></div><?cs /if ?>
  </form>
  <?cs if:Form.id ?><?cs each:f = Form.fields ?><?cs if:f.name == "type" && (f.value == "choice" || f.value == "multichoice") ?>
  <p><a href="/parties/lists?kind=cf_<?cs var:Form.id ?>" id="field-entries" class="btn btn-outline-primary"><?cs var:Lang.admin.fields.entries ?></a></p><?cs /if ?><?cs /each ?><?cs /if ?>
  <?cs if:Form.id ?><div class="actions"><form method="post" action="/admin/field/active" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Form.id ?>">
      <?cs if:Form.active == "1" ?><input type="hidden" name="active" value="0"><button type="submit" id="deactivate"><?cs var:Lang.admin.deactivate ?></button>
      <?cs else ?><input type="hidden" name="active" value="1"><button type="submit" id="activate"><?cs var:Lang.admin.activate ?></button><?cs /if ?></form></div>
  <?cs include:"layout/history.cs" ?><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
