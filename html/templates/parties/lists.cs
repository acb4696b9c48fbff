<?cs set:Page.title = Lang.parties.lists ?><?cs include:"layout/header.cs" ?>
<?cs # A managed list (the records engine's List.*, one kind), each entry edited in place; the form of
   a new entry is the engine's Form.* with what was typed and its messages. ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Lang.parties.lists ?></h1>
  <?cs include:"parties/list_kinds.cs" ?>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs each:f = Form.fields ?><?cs if:f.error ?><p class="error" role="alert" id="<?cs var:f.name ?>-error"><?cs var:f.label ?>: <?cs var:f.error ?></p><?cs /if ?><?cs /each ?>
  <div class="table-responsive"><table class="grid cards" id="entries">
    <thead><tr><?cs each:c = List.columns ?><th scope="col"><?cs var:c.label ?></th><?cs /each ?><th scope="col"><?cs var:Lang.admin.active ?></th><th></th></tr></thead>
    <tbody><?cs each:row = List.rows ?><tr<?cs if:row.active != "1" ?> class="inactive"<?cs /if ?>>
      <?cs each:c = row.cells ?><?cs if:c.name == "code" ?><td dir="ltr" class="card-title-cell"><a href="/parties/list?kind=<?cs var:url_escape(Filter.kind) ?>&amp;id=<?cs var:url_escape(row.id) ?>" title="<?cs var:Lang.history.title ?>"><?cs var:c.value ?></a></td>
      <?cs else ?><td data-label="<?cs var:List.columns[name(c)].label ?>"><input form="entry-<?cs var:row.id ?>" name="<?cs var:c.name ?>" value="<?cs var:c.value ?>" dir="<?cs if:c.ltr == "1" ?>ltr<?cs else ?>rtl<?cs /if ?>"<?cs if:c.name == "sort" ?> size="4"<?cs else ?> maxlength="128" required<?cs /if ?> aria-label="<?cs var:List.columns[name(c)].label ?>"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td><?cs /if ?><?cs /each ?>
      <td data-label="<?cs var:Lang.admin.active ?>"><input form="entry-<?cs var:row.id ?>" type="checkbox" name="is_active" value="1"<?cs if:row.active == "1" ?> checked<?cs /if ?> aria-label="<?cs var:Lang.admin.active ?>"<?cs if:!Perm.parties.configure ?> disabled<?cs /if ?>></td>
      <td><form method="post" action="/parties/list/save" id="entry-<?cs var:row.id ?>"><?cs call:csrf_field() ?>
        <input type="hidden" name="kind" value="<?cs var:Filter.kind ?>"><input type="hidden" name="id" value="<?cs var:row.id ?>"><input type="hidden" name="version" value="<?cs var:row.version ?>">
        <?cs if:Perm.parties.configure ?><button type="submit"><?cs var:Lang.admin.save ?></button><?cs /if ?></form></td>
    </tr><?cs /each ?></tbody>
  </table></div>
  <nav class="pager" aria-label="<?cs var:Lang.records.pages ?>"><?cs if:List.prev_url ?><a href="<?cs var:url_validate(List.prev_url) ?>" id="prev-page" rel="prev"><?cs var:Lang.records.prev ?></a><?cs /if ?> <?cs if:List.next_url ?><a href="<?cs var:url_validate(List.next_url) ?>" id="next-page" rel="next"><?cs var:Lang.records.next ?></a><?cs /if ?></nav>
  <?cs if:Perm.parties.configure ?><form method="post" action="/parties/list/save" class="filters" id="entry-new"><?cs call:csrf_field() ?>
    <input type="hidden" name="kind" value="<?cs var:Filter.kind ?>">
    <?cs each:f = Form.fields ?><?cs if:f.type != "flag" ?><input name="<?cs var:f.input ?>" value="<?cs var:f.value ?>" dir="<?cs if:f.ltr == "1" ?>ltr<?cs else ?>rtl<?cs /if ?>"<?cs if:f.name == "code" ?> size="10" pattern="[a-z0-9_]+"<?cs elif:f.name == "sort" ?> size="4"<?cs /if ?><?cs if:f.max ?> maxlength="<?cs var:f.max ?>"<?cs /if ?><?cs if:f.required == "1" ?> required<?cs /if ?> placeholder="<?cs var:f.label ?>" aria-label="<?cs var:f.label ?>"<?cs if:f.error ?> aria-invalid="true" aria-describedby="<?cs var:f.name ?>-error"<?cs /if ?>>
    <?cs /if ?><?cs /each ?><button type="submit" class="btn btn-primary"><?cs var:Lang.parties.add ?></button></form><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
