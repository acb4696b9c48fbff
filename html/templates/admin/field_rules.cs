<?cs set:Page.title = Lang.admin.fields.rules_title ?><?cs set:Page.section = "fields" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs var:Lang.admin.fields.rules_title ?>: <?cs var:Rules_title ?></h1>
  <?cs call:rec_notices() ?>
  <p class="muted"><?cs var:Lang.admin.fields.rules_help ?></p>
  <form method="post" action="/<?cs var:url_escape(Rules_module) ?>/fields/rules/save" class="form" id="rules-form">
    <?cs call:csrf_field() ?><input type="hidden" name="entity" value="<?cs var:Rules_entity ?>">
    <fieldset class="choices" id="rules"><?cs each:f = Rules ?><label><input type="checkbox" name="required" value="<?cs var:f.name ?>"<?cs if:f.required == "1" ?> checked<?cs /if ?>> <?cs var:f.label ?></label><?cs /each ?></fieldset>
    <div class="form-actions"><button type="submit" id="save" class="btn btn-primary"><?cs var:Lang.admin.save ?></button></div>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
