<?cs set:Page.title = Lang.prefs.title ?><?cs include:"layout/header.cs" ?>
<section class="card narrow">
  <h1><?cs var:Lang.prefs.title ?></h1>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.failed ?><p class="error" role="alert" id="form-error"><?cs var:Lang.admin.err.fix ?></p><?cs /if ?>
  <?cs if:Form.conflict ?><p class="error" role="alert" id="form-conflict"><?cs var:Lang.admin.err.conflict ?></p><?cs /if ?>
  <p class="muted"><?cs var:Lang.prefs.now ?> <span dir="ltr" id="now"><?cs var:Page.now ?></span></p>
  <form method="post" action="/auth/preferences" class="form" id="prefs-form">
    <?cs call:csrf_field() ?>
    <input type="hidden" name="version" value="<?cs var:Found.0.version ?>">
    <label for="lang"><?cs var:Lang.admin.language ?></label>
    <select id="lang" name="lang"><?cs each:o = Lang.options.lang ?><option value="<?cs var:name(o) ?>"<?cs if:Edit.lang == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
    <?cs if:Form.errors.lang ?><span class="field-error"><?cs var:Form.errors.lang ?></span><?cs /if ?>
    <label for="calendar"><?cs var:Lang.admin.calendar ?></label>
    <select id="calendar" name="calendar"><?cs each:o = Lang.options.calendar ?><option value="<?cs var:name(o) ?>"<?cs if:Edit.calendar == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
    <?cs if:Form.errors.calendar ?><span class="field-error"><?cs var:Form.errors.calendar ?></span><?cs /if ?>
    <label for="digits"><?cs var:Lang.admin.digits ?></label>
    <select id="digits" name="digits"><?cs each:o = Lang.options.digits ?><option value="<?cs var:name(o) ?>"<?cs if:Edit.digits == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
    <?cs if:Form.errors.digits ?><span class="field-error"><?cs var:Form.errors.digits ?></span><?cs /if ?>
    <label for="week_start"><?cs var:Lang.admin.week_start ?></label>
    <select id="week_start" name="week_start"><?cs each:o = Lang.options.weekday ?><option value="<?cs var:name(o) ?>"<?cs if:Edit.week_start == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select>
    <?cs if:Form.errors.week_start ?><span class="field-error"><?cs var:Form.errors.week_start ?></span><?cs /if ?>
    <button type="submit" id="save" class="btn btn-primary"><?cs var:Lang.admin.save ?></button>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
