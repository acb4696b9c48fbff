<?cs if:Edit.kind == "company" ?><?cs set:Page.title = Lang.parties.company ?><?cs set:Page.section = "companies" ?><?cs else ?><?cs set:Page.title = Lang.parties.person ?><?cs set:Page.section = "persons" ?><?cs /if ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs if:Edit.id ?><?cs var:Party.display_name ?><?cs elif:Edit.kind == "company" ?><?cs var:Lang.parties.new_company ?><?cs else ?><?cs var:Lang.parties.new_person ?><?cs /if ?></h1>
  <?cs if:Form.failed ?><p class="error" role="alert" id="form-error"><?cs var:Lang.admin.err.fix ?></p><?cs /if ?>
  <?cs if:Form.conflict ?><div class="error" role="alert" id="form-conflict"><p><?cs var:Lang.admin.err.conflict ?></p><p><?cs var:Party.display_name ?> · <span dir="ltr"><?cs var:Party.code ?></span> · <?cs var:Party.notes ?></p></div><?cs /if ?>
  <?cs if:subcount(Dup) > 0 ?><div class="error" role="alert" id="duplicates"><p><?cs var:Lang.parties.dup_warning ?></p><ul><?cs each:d = Dup ?><li><?cs if:d.visible == "1" ?><a href="/parties/party?id=<?cs var:url_escape(d.id) ?>"><?cs var:d.display_name ?></a> <span dir="ltr"><?cs var:d.code ?></span><?cs else ?><?cs var:Lang.parties.dup_hidden[d.matched] ?><?cs /if ?></li><?cs /each ?></ul></div><?cs /if ?>
  <form method="post" action="/parties/party/<?cs if:Edit.id ?>update<?cs else ?>create<?cs /if ?>" class="form" id="party-form">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="kind" value="<?cs var:Edit.kind ?>">
    <?cs if:Edit.id ?><input type="hidden" name="id" value="<?cs var:Edit.id ?>"><input type="hidden" name="version" value="<?cs var:Edit.version ?>"><?cs /if ?>
    <div class="grid-form">
    <label for="code"><?cs var:Lang.parties.code ?></label>
    <div><input id="code" name="code" dir="ltr" maxlength="32" value="<?cs var:Edit.code ?>" placeholder="<?cs var:Lang.parties.code_auto ?>"><?cs if:Form.errors.code ?><span class="field-error"><?cs var:Form.errors.code ?></span><?cs /if ?></div>
    <?cs if:Edit.kind == "company" ?>
    <label for="parent_code"><?cs var:Lang.parties.parent_company ?></label>
    <div><?cs if:Edit.parent_hidden == "1" ?><span class="muted" id="parent-hidden"><?cs var:Lang.parties.company_hidden ?></span><?cs else ?><input id="parent_code" name="parent_code" dir="ltr" maxlength="32" data-lookup="/parties/lookup?kind=company" value="<?cs var:Edit.parent_code ?>" placeholder="<?cs var:Lang.parties.company_code ?>"<?cs if:Form.errors.parent_code ?> aria-invalid="true" aria-describedby="parent_code-error"<?cs /if ?>><?cs if:Form.errors.parent_code ?><span class="field-error" id="parent_code-error"><?cs var:Form.errors.parent_code ?></span><?cs /if ?><?cs /if ?></div>
    <?cs /if ?>
    <?cs if:!Edit.id ?>
    <label for="mobile"><?cs var:Lang.parties.mobile ?></label>
    <div><input id="mobile" name="mobile" dir="ltr" maxlength="40" value="<?cs var:Edit.mobile ?>"><?cs if:Form.errors.mobile ?><span class="field-error"><?cs var:Form.errors.mobile ?></span><?cs /if ?></div>
    <label for="email"><?cs var:Lang.parties.email ?></label>
    <div><input id="email" name="email" dir="ltr" maxlength="255" value="<?cs var:Edit.email ?>"><?cs if:Form.errors.email ?><span class="field-error"><?cs var:Form.errors.email ?></span><?cs /if ?></div>
    <?cs /if ?>
    </div>
    <?cs call:rec_fields(0) ?>
    <div class="grid-form">
    <?cs if:subcount(Dup) > 0 ?><span></span><label class="check"><input type="checkbox" name="confirm_duplicate" value="1" id="confirm-duplicate"> <?cs var:Lang.parties.dup_confirm ?></label><?cs /if ?>
    <span></span><div><button type="submit" id="save"><?cs var:Lang.admin.save ?></button></div>
    </div>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
