<?cs set:Page.title = Lang.import.title ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Lang.import.title ?><?cs if:Import.file_name ?> · <span dir="auto"><?cs var:Import.file_name ?></span><?cs /if ?></h1>
  <?cs if:Form.failed ?><p class="error" role="alert" id="form-error"><?cs each:e = Form.errors ?><?cs var:e ?> <?cs /each ?><?cs if:Upload.bad_line ?><?cs var:Lang.import.line ?> <span id="bad-line"><?cs var:Upload.bad_line ?></span><?cs /if ?></p><?cs /if ?>

  <?cs if:Page.step == "start" ?>
  <p class="muted"><?cs var:Lang.import.hint ?></p>
  <form method="post" action="/parties/import/upload" enctype="multipart/form-data" id="import-upload" class="stack"><?cs call:csrf_field() ?>
    <label><?cs var:Lang.import.kind ?> <select name="kind">
      <option value="person"<?cs if:Upload.kind != "company" ?> selected<?cs /if ?>><?cs var:Lang.parties.persons ?></option>
      <option value="company"<?cs if:Upload.kind == "company" ?> selected<?cs /if ?>><?cs var:Lang.parties.companies ?></option></select></label>
    <label><?cs var:Lang.import.encoding ?> <select name="encoding">
      <option value="auto"><?cs var:Lang.import.enc_auto ?></option>
      <option value="windows-1256"<?cs if:Upload.encoding == "windows-1256" ?> selected<?cs /if ?>>Windows-1256 (<?cs var:Lang.import.enc_fa ?>)</option>
      <option value="windows-1254"<?cs if:Upload.encoding == "windows-1254" ?> selected<?cs /if ?>>Windows-1254 (<?cs var:Lang.import.enc_tr ?>)</option></select></label>
    <label><?cs var:Lang.import.file ?> <input type="file" name="file" accept=".csv,.txt,text/csv" required></label>
    <button type="submit" class="btn btn-primary" id="import-next"><?cs var:Lang.import.next ?></button>
  </form>
  <?cs if:subcount(Imports) > 0 ?><h2><?cs var:Lang.import.history ?></h2>
  <div class="table-responsive"><table class="grid" id="imports"><thead><tr><th><?cs var:Lang.history.when ?></th><th><?cs var:Lang.import.file ?></th><th><?cs var:Lang.import.status ?></th><th><?cs var:Lang.import.created ?></th><th><?cs var:Lang.import.updated ?></th><th><?cs var:Lang.import.skipped ?></th><th><?cs var:Lang.import.failed ?></th></tr></thead>
    <tbody><?cs each:i = Imports ?><tr><td><span dir="ltr"><?cs var:i.created_at ?></span></td>
      <td><a href="/parties/import/<?cs if:i.status == "uploaded" ?>map<?cs else ?>view<?cs /if ?>?id=<?cs var:url_escape(i.id) ?>" dir="auto"><?cs var:i.file_name ?></a></td>
      <td><?cs var:Lang.import.state[i.status] ?></td><td><?cs var:i.rows_created ?></td><td><?cs var:i.rows_updated ?></td><td><?cs var:i.rows_skipped ?></td><td><?cs var:i.rows_failed ?></td></tr><?cs /each ?></tbody></table></div><?cs /if ?>

  <?cs elif:Page.step == "map" ?>
  <form method="post" action="/parties/import/preview" id="import-map"><?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Import.id ?>"><input type="hidden" name="version" value="<?cs var:Import.version ?>">
    <div class="table-responsive"><table class="grid" id="mapping"><thead><tr><th><?cs var:Lang.import.column ?></th><th><?cs var:Lang.import.example ?></th><th><?cs var:Lang.import.field ?></th></tr></thead>
      <tbody><?cs each:c = Columns ?><tr><td dir="auto"><?cs var:c.name ?></td><td dir="auto" class="muted"><?cs var:c.sample ?></td>
        <td><select name="map_<?cs var:name(c) ?>" aria-label="<?cs var:c.name ?>"><option value=""><?cs var:Lang.import.ignore ?></option>
          <?cs each:t = Targets ?><option value="<?cs var:t.key ?>"<?cs if:c.target == t.key ?> selected<?cs /if ?>><?cs var:t.label ?></option><?cs /each ?></select></td></tr><?cs /each ?></tbody></table></div>
    <label><?cs var:Lang.import.dup_key ?> <select name="dup_key">
      <?cs each:k = Lang.import.keys ?><option value="<?cs var:name(k) ?>"<?cs if:Import.dup_key == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.import.dup_action ?> <select name="dup_action">
      <?cs each:a = Lang.import.actions ?><option value="<?cs var:name(a) ?>"<?cs if:Import.dup_action == name(a) ?> selected<?cs /if ?>><?cs var:a ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.import.calendar ?> <select name="calendar">
      <?cs each:k = Lang.options.calendar ?><option value="<?cs var:name(k) ?>"<?cs if:Import.calendar == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select></label>
    <button type="submit" class="btn btn-primary" id="import-preview"><?cs var:Lang.import.preview ?></button>
  </form>

  <?cs elif:Page.step == "preview" ?>
  <p id="totals"><?cs var:Lang.import.lines ?>: <b id="t-total"><?cs var:Totals.total ?></b> ·
    <?cs var:Lang.import.o.new ?>: <b id="t-new"><?cs var:Totals.new ?></b> · <?cs var:Lang.import.o.update ?>: <b id="t-update"><?cs var:Totals.update ?></b> ·
    <?cs var:Lang.import.o.skip ?>: <b id="t-skip"><?cs var:Totals.skip ?></b> · <?cs var:Lang.import.o.error ?>: <b id="t-error"><?cs var:Totals.error ?></b></p>
  <p class="muted"><?cs var:Lang.import.dry_run ?></p>
  <div class="table-responsive"><table class="grid" id="preview"><thead><tr><th><?cs var:Lang.import.line ?></th><th><?cs var:Lang.parties.name ?></th><th><?cs var:Lang.import.status ?></th><th><?cs var:Lang.import.message ?></th></tr></thead>
    <tbody><?cs each:p = Preview ?><tr class="outcome-<?cs var:p.outcome ?>"><td><?cs var:p.line ?></td><td dir="auto"><?cs var:p.name ?> <?cs var:p.last_name ?></td><td><?cs var:Lang.import.o[p.outcome] ?></td><td><?cs var:p.message ?></td></tr><?cs /each ?></tbody></table></div>
  <form method="post" action="/parties/import/run" id="import-run"><?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Import.id ?>"><input type="hidden" name="version" value="<?cs var:Import.version ?>">
    <button type="submit" class="btn btn-primary" id="import-go"><?cs var:Lang.import.run ?></button> <a href="/parties/import/map?id=<?cs var:url_escape(Import.id) ?>"><?cs var:Lang.import.back ?></a></form>

  <?cs elif:Page.step == "view" ?>
  <p id="summary"><?cs var:Lang.import.status ?>: <b id="status"><?cs var:Lang.import.state[Import.status] ?></b> ·
    <?cs var:Lang.import.created ?>: <b id="s-created"><?cs var:Summary.0.rows_created ?></b> · <?cs var:Lang.import.updated ?>: <b id="s-updated"><?cs var:Summary.0.rows_updated ?></b> ·
    <?cs var:Lang.import.skipped ?>: <b id="s-skipped"><?cs var:Summary.0.rows_skipped ?></b> · <?cs var:Lang.import.failed ?>: <b id="s-failed"><?cs var:Summary.0.rows_failed ?></b></p>
  <?cs if:Import.job ?><p class="notice" id="import-job"><a href="/home/job?id=<?cs var:Import.job ?>"><?cs var:Lang.job.see_progress ?></a></p><?cs /if ?>
  <?cs if:Done.conflicts && Done.conflicts != "0" ?><p class="notice" id="conflicts"><?cs var:Lang.import.conflicts ?> <?cs var:Done.conflicts ?></p><?cs /if ?>
  <?cs if:subcount(Failed) > 0 ?><div class="table-responsive"><table class="grid" id="failed"><thead><tr><th><?cs var:Lang.import.line ?></th><th><?cs var:Lang.import.message ?></th></tr></thead>
    <tbody><?cs each:f = Failed ?><tr><td><?cs var:f.line ?></td><td><?cs var:f.message ?></td></tr><?cs /each ?></tbody></table></div><?cs /if ?>
  <?cs if:Import.status == "done" && Perm.parties.delete ?><form method="post" action="/parties/import/revert" id="import-revert"><?cs call:csrf_field() ?>
    <input type="hidden" name="id" value="<?cs var:Import.id ?>"><input type="hidden" name="version" value="<?cs var:Import.version ?>">
    <p class="muted"><?cs var:Lang.import.revert_hint ?></p><button type="submit" class="danger" id="revert"><?cs var:Lang.import.revert ?></button></form><?cs /if ?>
  <p><a href="/parties/import"><?cs var:Lang.import.history ?></a></p>
  <?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
