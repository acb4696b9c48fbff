<?cs set:Page.title = Lang.parties.lists ?><?cs include:"layout/header.cs" ?>
<?cs # One entry of a managed list: the engine's form (Form.*) and its History. ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Filter.kind_label ?>: <span dir="ltr"><?cs var:Form.title ?></span></h1>
  <?cs include:"parties/list_kinds.cs" ?>
  <?cs call:rec_notices() ?>
  <form method="post" action="/parties/list/save" class="form" id="entry-form">
    <?cs call:rec_form_head() ?><input type="hidden" name="kind" value="<?cs var:Filter.kind ?>">
    <?cs call:rec_fields(!Perm.parties.configure) ?>
    <?cs if:Perm.parties.configure ?><div class="form-actions"><button type="submit" id="save" class="btn btn-primary"><?cs var:Lang.admin.save ?></button></div><?cs /if ?>
  </form>
  <?cs include:"layout/history.cs" ?>
</section>
<?cs include:"layout/footer.cs" ?>
