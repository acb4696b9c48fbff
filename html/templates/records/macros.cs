<?cs # The records engine's pieces (cgi/lib/records): a record's fields and an entity's list.
   Every value goes out through var:, which escapes it. ?>
<?cs # One field of Form.fields, as its type asks; disabled: the user may not save. ?>
<?cs def:rec_field(f, disabled) ?><?cs set:off = disabled || f.readonly == "1" ?>
  <?cs if:f.type == "links" && f.choices == "1" ?><span class="label" id="<?cs var:f.name ?>-label"><?cs var:f.label ?><?cs if:f.required == "1" ?> <span class="required" aria-hidden="true">*</span><?cs /if ?></span>
  <fieldset class="choices" id="<?cs var:f.name ?>" aria-labelledby="<?cs var:f.name ?>-label"><?cs if:!f.options.0.value ?><span class="muted"><?cs var:Lang.records.none_yet ?></span><?cs /if ?><?cs each:o = f.options ?><label><input type="checkbox" name="<?cs var:f.input ?>" value="<?cs var:o.value ?>"<?cs if:o.selected == "1" ?> checked<?cs /if ?><?cs if:off ?> disabled<?cs /if ?>> <?cs var:o.label ?></label><?cs /each ?>
    <?cs if:f.error ?><span class="field-error" id="<?cs var:f.name ?>-error"><?cs var:f.error ?></span><?cs /if ?></fieldset>
  <?cs elif:f.type == "flag" ?><span></span><label class="check"><input type="checkbox" id="<?cs var:f.name ?>" name="<?cs var:f.input ?>" value="1"<?cs if:f.value == "1" ?> checked<?cs /if ?><?cs if:off ?> disabled<?cs /if ?>> <?cs var:f.label ?><?cs if:f.error ?><span class="field-error" id="<?cs var:f.name ?>-error"><?cs var:f.error ?></span><?cs /if ?></label>
  <?cs else ?><label for="<?cs var:f.name ?>"><?cs var:f.label ?><?cs if:f.required == "1" && f.readonly != "1" ?> <span class="required" aria-hidden="true">*</span><?cs /if ?></label>
  <div><?cs if:f.type == "datetime" ?><span class="value" id="<?cs var:f.name ?>" dir="ltr"><?cs var:f.value ?></span>
    <?cs elif:f.type == "choice" || (f.type == "link" && f.choices == "1") ?><select id="<?cs var:f.name ?>" name="<?cs var:f.input ?>"<?cs if:off ?> disabled<?cs /if ?><?cs if:f.required == "1" ?> required<?cs /if ?>>
      <?cs if:f.required != "1" ?><option value=""></option><?cs /if ?><?cs each:o = f.options ?><option value="<?cs var:o.value ?>"<?cs if:o.selected == "1" ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?></select>
    <?cs elif:f.type == "longtext" || f.type == "links" ?><textarea id="<?cs var:f.name ?>" name="<?cs var:f.input ?>" rows="3"<?cs if:f.ltr == "1" ?> dir="ltr"<?cs /if ?><?cs if:f.max ?> maxlength="<?cs var:f.max ?>"<?cs /if ?><?cs if:off ?> disabled<?cs /if ?>><?cs var:f.value ?></textarea>
    <?cs elif:f.type == "date" ?><span class="datefield"><input id="<?cs var:f.name ?>" name="<?cs var:f.input ?>" class="date" dir="ltr" size="11" value="<?cs var:f.value ?>" aria-describedby="<?cs var:f.name ?>-hint" data-calendar="<?cs var:User.calendar ?>" data-digits="<?cs var:User.digits ?>" data-week-start="<?cs var:User.week_start ?>" data-picker-label="<?cs var:Lang.admin.pick_date ?>"<?cs if:off ?> disabled<?cs /if ?>><small class="date-hint" id="<?cs var:f.name ?>-hint"><?cs var:Lang.date_hint[User.calendar] ?></small></span>
    <?cs else ?><input id="<?cs var:f.name ?>" name="<?cs var:f.input ?>" value="<?cs var:f.value ?>"<?cs if:f.type == "email" ?> type="email"<?cs elif:f.type == "int" || f.type == "money" ?> inputmode="decimal"<?cs /if ?><?cs if:f.ltr == "1" || f.type == "email" ?> dir="ltr"<?cs /if ?><?cs if:f.max ?> maxlength="<?cs var:f.max ?>"<?cs /if ?><?cs if:f.required == "1" && !off ?> required<?cs /if ?><?cs if:off ?> disabled<?cs /if ?>><?cs if:f.type == "link" && f.shown ?> <span class="muted" id="<?cs var:f.name ?>-shown"><?cs var:f.shown ?></span><?cs /if ?><?cs /if ?>
    <?cs if:f.stored ?><span class="stored" id="<?cs var:f.name ?>-stored"><?cs var:Lang.records.saved_meanwhile ?> <?cs var:f.stored ?></span><?cs /if ?>
    <?cs if:f.error ?><span class="field-error" id="<?cs var:f.name ?>-error"><?cs var:f.error ?></span><?cs /if ?></div>
  <?cs /if ?><?cs /def ?>
<?cs # Every field of Form.fields, in its section (a fieldset with its legend), sections in order. ?>
<?cs def:rec_fields(disabled) ?><?cs each:s = Form.sections ?><fieldset class="section" id="section-<?cs var:s.name ?>"><?cs if:s.label ?><legend><?cs var:s.label ?></legend><?cs /if ?><div class="grid-form">
  <?cs each:f = Form.fields ?><?cs if:f.section == s.name ?><?cs call:rec_field(f, disabled) ?><?cs /if ?><?cs /each ?></div></fieldset><?cs /each ?><?cs /def ?>
<?cs # The id and version a save carries, and the notices a form shows at its top. ?>
<?cs def:rec_form_head() ?><?cs call:csrf_field() ?><?cs if:Form.id ?><input type="hidden" name="id" value="<?cs var:Form.id ?>"><input type="hidden" name="version" value="<?cs var:Form.version ?>"><?cs /if ?><?cs /def ?>
<?cs def:rec_notices() ?>
  <?cs if:Form.notice ?><p class="notice alert-crm" role="status" id="form-notice"><i class="bi bi-check-circle" aria-hidden="true"></i> <?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.conflict ?><div class="error" role="alert" id="form-conflict"><p><i class="bi bi-exclamation-triangle" aria-hidden="true"></i> <?cs var:Lang.records.conflict ?></p></div>
  <?cs elif:Form.failed ?><p class="error" role="alert" id="form-error"><i class="bi bi-exclamation-circle" aria-hidden="true"></i> <?cs var:Lang.records.fix ?></p><?cs /if ?><?cs /def ?>
<?cs # Bulk actions (records/rec_bulk.c). A row's checkbox belongs to the bulk form (form=), which sits
   outside the table; the bar names the actions the user holds, and "all N matching" when the list
   holds more than its page. query: the list's query string, carried back. ?>
<?cs def:rec_bulk_check(id, label) ?><?cs if:subcount(List.bulk.actions) > 0 ?><td class="pick"><input type="checkbox" name="id" value="<?cs var:id ?>" form="bulk-form" class="form-check-input" aria-label="<?cs var:Lang.bulk.choose ?> <?cs var:label ?>"></td><?cs /if ?><?cs /def ?>
<?cs def:rec_bulk_head() ?><?cs if:subcount(List.bulk.actions) > 0 ?><th scope="col" class="pick"><input type="checkbox" id="bulk-page" class="form-check-input" aria-label="<?cs var:Lang.bulk.choose_page ?>" hidden></th><?cs /if ?><?cs /def ?>
<?cs def:rec_bulk_bar(query, shown) ?><?cs if:subcount(List.bulk.actions) > 0 ?>
  <form method="post" action="<?cs var:url_validate(List.bulk.url) ?>" id="bulk-form" class="bulk-bar" data-digits="<?cs var:User.digits ?>"><?cs call:csrf_field() ?>
    <input type="hidden" name="list" value="<?cs var:List.bulk.list ?>"><input type="hidden" name="query" value="<?cs var:query ?>"><input type="hidden" name="count" value="<?cs var:List.count_raw ?>">
    <span class="bulk-chosen muted" id="bulk-chosen" aria-live="polite" data-none="<?cs var:Lang.bulk.none_chosen ?>" data-some="<?cs var:Lang.bulk.chosen ?>"><?cs var:Lang.bulk.hint ?></span>
    <label for="bulk-do" class="visually-hidden"><?cs var:Lang.bulk.action ?></label>
    <select name="do" id="bulk-do" class="form-select form-select-sm"><?cs each:a = List.bulk.actions ?><option value="<?cs var:a.name ?>"><?cs var:a.label ?></option><?cs /each ?></select>
    <?cs if:List.count_raw > shown ?><label class="check" id="bulk-all-label"><input type="checkbox" name="all" value="1" id="bulk-all"> <?cs var:Lang.bulk.all_matching ?> (<?cs if:List.count_kind == "about" ?><?cs var:Lang.records.count_about ?> <?cs elif:List.count_kind == "more" ?><?cs var:Lang.records.count_more ?> <?cs elif:List.count_kind == "least" ?><?cs var:Lang.records.count_least ?> <?cs /if ?><?cs var:List.count ?>)</label><?cs /if ?>
    <button type="submit" id="bulk-go" class="btn btn-sm btn-primary"><?cs var:Lang.bulk.apply ?></button>
  </form><script src="/static/js/bulk.js" defer></script><?cs /if ?><?cs /def ?>
<?cs def:rec_bulk_notice(query) ?><?cs if:List.bulk.notice.do ?><div class="notice alert-crm" role="status" id="bulk-notice"><i class="bi bi-check-circle" aria-hidden="true"></i>
  <?cs if:List.bulk.notice.changed_raw == "0" && List.bulk.notice.skipped_raw == "0" ?><span id="bulk-nothing"><?cs var:Lang.bulk.nothing_chosen ?></span><?cs else ?><?cs var:List.bulk.notice.label ?>: <b id="bulk-changed"><?cs var:List.bulk.notice.changed ?></b><?cs if:List.bulk.notice.skipped_raw != "0" ?> · <?cs var:Lang.bulk.skipped ?>: <b id="bulk-skipped"><?cs var:List.bulk.notice.skipped ?></b><?cs /if ?><?cs /if ?>
  <?cs if:subcount(List.bulk.undo) > 0 ?><form method="post" action="<?cs var:url_validate(List.bulk.url) ?>" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="do" value="restore"><input type="hidden" name="list" value="<?cs var:List.bulk.list ?>"><input type="hidden" name="query" value="<?cs var:query ?>"><?cs each:i = List.bulk.undo ?><input type="hidden" name="id" value="<?cs var:i ?>"><?cs /each ?><button type="submit" id="bulk-undo" class="btn btn-sm btn-outline-secondary"><?cs var:Lang.records.undo ?></button></form><?cs /if ?></div><?cs /if ?><?cs /def ?>
<?cs # An entity's list: text box and state, count, rows, previous and next; id: the table's id. A list
   of one value of a fixed column (List.fixed) carries it in every link. ?>
<?cs def:rec_fixed() ?><?cs if:List.fixed ?>&amp;<?cs var:url_escape(List.fixed_col) ?>=<?cs var:url_escape(List.fixed) ?><?cs /if ?><?cs /def ?>
<?cs def:rec_list(id) ?>
  <?cs call:rec_bulk_notice(List.query) ?>
  <form method="get" action="<?cs var:url_validate(List.url) ?>" class="filters" id="list-search" role="search">
    <input type="hidden" name="sort" value="<?cs var:List.sort ?>"><?cs if:List.fixed ?><input type="hidden" name="<?cs var:List.fixed_col ?>" value="<?cs var:List.fixed ?>"><?cs /if ?><?cs if:List.dir == "desc" ?><input type="hidden" name="dir" value="desc"><?cs /if ?>
    <label for="q" class="visually-hidden"><?cs var:Lang.records.search ?></label> <input id="q" name="q" type="search" placeholder="<?cs var:Lang.records.search ?>" value="<?cs var:List.q ?>" maxlength="100">
    <?cs if:List.has_state == "1" ?><label for="state"><?cs var:Lang.records.state ?> <select id="state" name="state">
      <option value="active"<?cs if:List.state == "active" ?> selected<?cs /if ?>><?cs var:Lang.records.active ?></option>
      <option value="inactive"<?cs if:List.state == "inactive" ?> selected<?cs /if ?>><?cs var:Lang.records.inactive ?></option>
      <option value="all"<?cs if:List.state == "all" ?> selected<?cs /if ?>><?cs var:Lang.records.all ?></option></select></label><?cs /if ?>
    <button type="submit" id="list-search-go" class="btn btn-primary"><i class="bi bi-search" aria-hidden="true"></i> <?cs var:Lang.records.search ?></button>
  </form>
  <p class="muted" id="list-count"><?cs if:List.count_kind == "about" ?><?cs var:Lang.records.count_about ?><?cs elif:List.count_kind == "more" ?><?cs var:Lang.records.count_more ?><?cs elif:List.count_kind == "least" ?><?cs var:Lang.records.count_least ?><?cs else ?><?cs var:Lang.records.count ?><?cs /if ?> <span class="count"><?cs var:List.count ?></span></p>
  <div class="scroll table-responsive"><table class="grid cards" id="<?cs var:id ?>">
    <thead><tr><?cs call:rec_bulk_head() ?><?cs each:c = List.columns ?><th scope="col"<?cs if:c.sorted ?> aria-sort="<?cs if:c.sorted == "asc" ?>ascending<?cs else ?>descending<?cs /if ?>"<?cs /if ?>><?cs if:c.sort ?><a href="<?cs var:url_validate(List.url) ?>?sort=<?cs var:url_escape(c.sort) ?><?cs call:rec_fixed() ?><?cs if:c.sorted == "asc" ?>&amp;dir=desc<?cs /if ?><?cs if:List.q ?>&amp;q=<?cs var:url_escape(List.q) ?><?cs /if ?><?cs if:List.state != "active" ?>&amp;state=<?cs var:url_escape(List.state) ?><?cs /if ?>"<?cs if:c.sorted ?> aria-current="true"<?cs /if ?>><?cs var:c.label ?><?cs if:c.sorted == "asc" ?> ▲<?cs elif:c.sorted == "desc" ?> ▼<?cs /if ?></a><?cs else ?><?cs var:c.label ?><?cs /if ?></th><?cs /each ?><?cs if:List.has_state == "1" ?><th scope="col"><?cs var:Lang.records.state ?></th><?cs /if ?></tr></thead>
    <tbody><?cs each:row = List.rows ?><tr<?cs if:List.has_state == "1" && row.active != "1" ?> class="inactive"<?cs /if ?>><?cs call:rec_bulk_check(row.id, row.cells.0.value) ?><?cs each:c = row.cells ?><td class="col-<?cs var:c.name ?><?cs if:name(c) == "0" ?> card-title-cell<?cs /if ?>" data-label="<?cs var:List.columns[name(c)].label ?>"<?cs if:c.ltr == "1" ?> dir="ltr"<?cs /if ?>><?cs if:name(c) == "0" ?><a href="<?cs var:url_validate(List.record_url) ?>?id=<?cs var:url_escape(row.id) ?><?cs call:rec_fixed() ?>"><?cs var:c.value ?></a><?cs else ?><?cs var:c.value ?><?cs /if ?></td><?cs /each ?><?cs if:List.has_state == "1" ?><td data-label="<?cs var:Lang.records.state ?>"><?cs if:row.active == "1" ?><?cs var:Lang.records.active ?><?cs else ?><?cs var:Lang.records.inactive ?><?cs /if ?></td><?cs /if ?></tr><?cs /each ?>
    <?cs if:List.shown == "0" ?><tr><td class="muted" colspan="<?cs var:subcount(List.columns) + 1 ?>"><?cs var:Lang.records.empty ?></td></tr><?cs /if ?></tbody>
  </table></div>
  <?cs if:List.shown != "0" ?><?cs call:rec_bulk_bar(List.query, List.shown) ?><?cs /if ?>
  <nav class="pager" aria-label="<?cs var:Lang.records.pages ?>"><?cs if:List.prev_url ?><a href="<?cs var:url_validate(List.prev_url) ?>" id="prev-page" rel="prev"><?cs var:Lang.records.prev ?></a><?cs /if ?> <?cs if:List.next_url ?><a href="<?cs var:url_validate(List.next_url) ?>" id="next-page" rel="next"><?cs var:Lang.records.next ?></a><?cs /if ?></nav>
<?cs /def ?>
