<?cs if:Filter.kind == "company" ?><?cs set:Page.title = Lang.parties.companies ?><?cs else ?><?cs set:Page.title = Lang.parties.persons ?><?cs /if ?><?cs include:"layout/header.cs" ?>
<?cs # A column header links to the list in its order (c.sort); the current order's header turns it round. ?>
<?cs def:sort_header(c) ?><?cs if:c.sort ?><a href="?<?cs var:Filter.query ?>&amp;sort=<?cs var:url_escape(c.sort) ?><?cs if:Filter.sort == c.sort && Filter.dir != "desc" ?>&amp;dir=desc<?cs /if ?>" id="sort-<?cs var:c.sort ?>"<?cs if:Filter.sort == c.sort ?> aria-current="true"<?cs /if ?>><?cs var:c.label ?><?cs if:Filter.sort == c.sort ?> <?cs if:Filter.dir == "desc" ?>▼<?cs else ?>▲<?cs /if ?><?cs /if ?></a><?cs else ?><?cs var:c.label ?><?cs /if ?><?cs /def ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <div class="toolbar">
    <h1><?cs var:Page.title ?></h1>
    <?cs if:Perm.parties.create ?><a class="button" id="new-party" href="/parties/<?cs var:Filter.kind ?>/new"><?cs if:Filter.kind == "company" ?><?cs var:Lang.parties.new_company ?><?cs else ?><?cs var:Lang.parties.new_person ?><?cs /if ?></a><?cs /if ?>
  </div>
  <?cs if:Deleted.id ?><div class="notice" role="status" id="deleted-notice"><?cs var:Lang.records.deleted ?>
    <?cs if:Perm.parties.delete ?><form method="post" action="/parties/bin/restore" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Deleted.id ?>"><input type="hidden" name="to" value="record"><button type="submit" id="undo-delete"><?cs var:Lang.records.undo ?></button></form><?cs /if ?>
    <a href="/parties/bin"><?cs var:Lang.parties.bin ?></a></div><?cs /if ?>
  <?cs call:rec_bulk_notice(Filter.query) ?>
  <form method="get" class="filters" id="list-filter">
    <span class="list-search"><label for="q" class="visually-hidden"><?cs var:Lang.parties.text_box ?></label><input id="q" name="q" type="search" maxlength="100" value="<?cs var:Filter.q ?>" placeholder="<?cs var:Lang.parties.text_box ?>"></span>
    <label><?cs var:Lang.parties.state ?> <select name="state">
      <option value="active"<?cs if:Filter.state == "active" ?> selected<?cs /if ?>><?cs var:Lang.parties.state_active ?></option>
      <option value="inactive"<?cs if:Filter.state == "inactive" ?> selected<?cs /if ?>><?cs var:Lang.parties.state_inactive ?></option>
      <option value="all"<?cs if:Filter.state == "all" ?> selected<?cs /if ?>><?cs var:Lang.parties.state_all ?></option></select></label>
    <label><?cs var:Lang.parties.role ?> <select name="role"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs each:l = Lookups ?><?cs if:l.kind == "party_role" ?><option value="<?cs var:l.id ?>"<?cs if:Filter.role == l.id ?> selected<?cs /if ?>><?cs var:l.name ?></option><?cs /if ?><?cs /each ?></select></label>
    <label><?cs var:Lang.parties.group ?> <select name="group"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs each:g = Groups ?><option value="<?cs var:g.id ?>"<?cs if:Filter.group == g.id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.parties.f.city_id ?> <select name="city"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs each:c = Cities ?><option value="<?cs var:c.id ?>"<?cs if:Filter.city == c.id ?> selected<?cs /if ?>><?cs var:c.name ?> (<?cs var:c.province ?>)</option><?cs /each ?></select></label>
    <label><?cs var:Lang.parties.source ?> <select name="source"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs each:l = Lookups ?><?cs if:l.kind == "source" ?><option value="<?cs var:l.id ?>"<?cs if:Filter.source == l.id ?> selected<?cs /if ?>><?cs var:l.name ?></option><?cs /if ?><?cs /each ?></select></label>
    <label><?cs var:Lang.parties.rank ?> <select name="rank"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs each:k = Ranks ?><option value="<?cs var:k.id ?>"<?cs if:Filter.rank == k.id ?> selected<?cs /if ?>><?cs var:k.name ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.parties.experts ?> <select name="expert"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs each:u = Staff ?><option value="<?cs var:u.id ?>"<?cs if:Filter.expert == u.id ?> selected<?cs /if ?>><?cs var:u.display_name ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.parties.priority ?> <select name="priority"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs loop:i = 0, 9 ?><option value="<?cs var:i ?>"<?cs if:Filter.priority == i && Filter.priority != "" ?> selected<?cs /if ?>><?cs var:i ?></option><?cs /loop ?></select></label>
    <label><?cs if:Filter.kind == "company" ?><?cs var:Lang.parties.under_company ?><?cs else ?><?cs var:Lang.parties.works_at ?><?cs /if ?> <input name="company" id="filter-company" dir="ltr" size="10" maxlength="32" data-lookup="/parties/lookup?kind=company" value="<?cs var:Filter.company ?>" placeholder="<?cs var:Lang.parties.company_code ?>"></label>
    <label class="check"><input type="checkbox" name="subs" value="1" id="filter-subs"<?cs if:Filter.subs == "1" ?> checked<?cs /if ?>> <?cs var:Lang.parties.with_subsidiaries ?></label>
    <?cs each:c = CustomFilters ?><label><?cs var:c.label ?> <?cs if:subcount(c.options) > 0 ?><select name="<?cs var:c.name ?>" id="filter-<?cs var:c.name ?>"><option value=""><?cs var:Lang.admin.any ?></option><?cs each:o = c.options ?><option value="<?cs var:o.value ?>"<?cs if:o.value == c.value ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?></select><?cs else ?><input name="<?cs var:c.name ?>" id="filter-<?cs var:c.name ?>" size="12" maxlength="100" value="<?cs var:c.value ?>"<?cs if:c.date == "1" ?> dir="ltr" placeholder="<?cs var:Lang.date_hint[User.calendar] ?>"<?cs /if ?>><?cs /if ?></label><?cs /each ?>
    <input type="hidden" name="sort" value="<?cs var:Filter.sort ?>"><input type="hidden" name="dir" value="<?cs var:Filter.dir ?>">
    <details class="columns" id="column-chooser"><summary><?cs var:Lang.parties.columns ?></summary>
      <?cs each:c = ColumnChoices ?><label class="check"><input type="checkbox" name="col" value="<?cs var:c.key ?>"<?cs if:c.checked == "1" ?> checked<?cs /if ?>> <?cs var:c.label ?></label><?cs /each ?></details>
    <label class="check"><input type="checkbox" name="starred" value="1"<?cs if:Filter.starred == "1" ?> checked<?cs /if ?>> <?cs var:Lang.parties.starred ?></label>
    <?cs call:rec_page_size(Filter.limit) ?>
    <button type="submit" class="btn btn-primary"><?cs var:Lang.admin.search ?></button>
    <span class="save-filter"><input name="filter_name" form="filter-save" maxlength="128" placeholder="<?cs var:Lang.parties.filter_name ?>" aria-label="<?cs var:Lang.parties.filter_name ?>" value="<?cs var:Filter.filter_name ?>"><?cs if:Form.errors.filter_name ?><span class="field-error" id="filter_name-error"><?cs var:Form.errors.filter_name ?></span><?cs /if ?>
      <button type="submit" form="filter-save" id="filter-save-button"><?cs var:Lang.parties.save_filter ?></button></span>
  </form>
  <form method="post" action="/parties/filter/save" id="filter-save"><?cs call:csrf_field() ?>
    <input type="hidden" name="list" value="<?cs var:Page.section ?>">
    <input type="hidden" name="state" value="<?cs var:Filter.state ?>"><input type="hidden" name="role" value="<?cs var:Filter.role ?>">
    <input type="hidden" name="group" value="<?cs var:Filter.group ?>"><input type="hidden" name="city" value="<?cs var:Filter.city ?>">
    <input type="hidden" name="source" value="<?cs var:Filter.source ?>"><input type="hidden" name="rank" value="<?cs var:Filter.rank ?>">
    <input type="hidden" name="expert" value="<?cs var:Filter.expert ?>"><input type="hidden" name="priority" value="<?cs var:Filter.priority ?>">
    <input type="hidden" name="company" value="<?cs var:Filter.company ?>"><input type="hidden" name="subs" value="<?cs if:Filter.subs == "1" ?>1<?cs /if ?>">
    <input type="hidden" name="starred" value="<?cs if:Filter.starred == "1" ?>1<?cs /if ?>"><input type="hidden" name="cols" value="<?cs var:Filter.cols ?>"><input type="hidden" name="q" value="<?cs var:Filter.q ?>"><input type="hidden" name="limit" value="<?cs if:Filter.limit != "50" ?><?cs var:Filter.limit ?><?cs /if ?>"></form>
  <?cs if:Perm.parties.export ?><?cs set:ExportQuery = "sort=" + url_escape(Filter.sort) + "&dir=" + url_escape(Filter.dir) + "&" + Filter.query ?><?cs call:export_links("/parties/" + Page.section + "/export", ExportQuery) ?><?cs /if ?>
  <?cs if:subcount(SavedFilters) > 0 ?><ul class="saved-filters" id="saved-filters"><?cs each:f = SavedFilters ?><li>
    <a href="/parties/<?cs var:Page.section ?>?<?cs var:f.query ?>"><?cs var:f.name ?></a>
    <form method="post" action="/parties/filter/delete" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="list" value="<?cs var:Page.section ?>"><input type="hidden" name="id" value="<?cs var:f.id ?>"><button type="submit" class="link" aria-label="<?cs var:Lang.parties.remove ?>">✕</button></form></li><?cs /each ?></ul><?cs /if ?>
  <?cs if:Filter.company_unknown == "1" ?><p class="error" role="alert" id="company-unknown"><?cs var:Lang.parties.err.no_such_company ?></p><?cs /if ?>
  <?cs if:Filter.sort_refused ?><p class="notice" role="status" id="sort-refused"><?cs var:Lang.parties.sort_refused ?></p><?cs /if ?>
  <p class="muted" id="list-count"><?cs if:List.count_kind == "about" ?><?cs var:Lang.parties.count_about ?> <?cs elif:List.count_kind == "more" ?><?cs var:Lang.parties.count_more ?> <?cs elif:List.count_kind == "least" ?><?cs var:Lang.parties.count_least ?> <?cs /if ?><span class="count"><?cs var:List.count ?></span> <?cs var:Lang.parties.count_unit[Filter.kind] ?></p>
  <div class="table-responsive"><table class="grid cards" id="parties">
    <thead><tr><?cs call:rec_bulk_head() ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.parties.starred ?></span></th><?cs each:c = Columns ?><th scope="col"<?cs if:c.sort && Filter.sort == c.sort ?> aria-sort="<?cs if:Filter.dir == "desc" ?>descending<?cs else ?>ascending<?cs /if ?>"<?cs /if ?>><?cs call:sort_header(c) ?></th><?cs /each ?></tr></thead>
    <tbody><?cs each:p = Rows ?><tr<?cs if:p.is_active == "0" ?> class="inactive"<?cs /if ?>><?cs call:rec_bulk_check(p.id, p.display_name) ?>
      <td><?cs if:p.starred == "1" ?><span class="star" title="<?cs var:Lang.parties.starred ?>">★</span><?cs /if ?></td><?cs each:c = Columns ?><?cs if:c.key == "display_name" ?>
      <td data-label="<?cs var:c.label ?>" class="card-title-cell"><?cs call:party_icon(p.party_icon) ?><?cs if:p.color_from_rank == "1" && p.rank_color ?><?cs call:swatch(p.rank_color) ?><?cs else ?><?cs call:swatch(p.party_color) ?><?cs /if ?><a href="/parties/party?id=<?cs var:url_escape(p.id) ?>"><?cs var:p.display_name ?></a></td><?cs elif:c.key == "rank" ?>
      <td data-label="<?cs var:c.label ?>" class="rank"><?cs if:p.rank ?><span class="tag"><?cs call:swatch(p.rank_color) ?><?cs var:p.rank ?></span><?cs /if ?></td><?cs else ?>
      <td data-label="<?cs var:c.label ?>"<?cs if:c.ltr == "1" ?> dir="ltr"<?cs /if ?>><?cs var:p[c.key] ?></td><?cs /if ?><?cs /each ?></tr><?cs /each ?></tbody>
  </table></div>
  <?cs if:subcount(Rows) > 0 ?><?cs call:rec_bulk_bar(Filter.query, subcount(Rows)) ?><?cs /if ?>
  <?cs if:subcount(Rows) == 0 ?><p class="muted" id="empty"><?cs var:Lang.parties.none ?></p><?cs /if ?>
  <nav class="pager" aria-label="<?cs var:Lang.records.pages ?>"><?cs if:Filter.deep == "1" ?><a id="first-page" href="?<?cs var:Filter.query ?>&amp;sort=<?cs var:url_escape(Filter.sort) ?>&amp;dir=<?cs var:url_escape(Filter.dir) ?>"><?cs var:Lang.parties.first_page ?></a><?cs /if ?>
    <?cs if:Prev.after_id ?><a id="prev-page" href="?<?cs var:Filter.query ?>&amp;sort=<?cs var:url_escape(Filter.sort) ?>&amp;dir=<?cs var:url_escape(Filter.dir) ?>&amp;back=1&amp;after_prio=<?cs var:url_escape(Prev.after_prio) ?>&amp;after_name=<?cs var:url_escape(Prev.after_name) ?>&amp;after_id=<?cs var:url_escape(Prev.after_id) ?>" rel="prev"><?cs var:Lang.records.prev ?></a><?cs /if ?>
    <?cs if:Next.after_id ?><a id="next-page" href="?<?cs var:Filter.query ?>&amp;sort=<?cs var:url_escape(Filter.sort) ?>&amp;dir=<?cs var:url_escape(Filter.dir) ?>&amp;after_prio=<?cs var:url_escape(Next.after_prio) ?>&amp;after_name=<?cs var:url_escape(Next.after_name) ?>&amp;after_id=<?cs var:url_escape(Next.after_id) ?>" rel="next"><?cs var:Lang.parties.next_page ?></a><?cs /if ?></nav>
</section>
<?cs include:"layout/footer.cs" ?>
