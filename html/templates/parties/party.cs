<?cs set:Page.title = Party.display_name ?><?cs if:Party.kind == "company" ?><?cs set:Page.section = "companies" ?><?cs else ?><?cs set:Page.section = "persons" ?><?cs /if ?><?cs include:"layout/header.cs" ?>
<?cs # A related item goes only after a second click: the ✕ opens "Remove?" beside it, as the record's own delete asks first ?><?cs def:remove_item(action, id) ?><details class="confirm remove-item"><summary class="link" aria-label="<?cs var:Lang.parties.remove ?>">✕</summary><form method="post" action="<?cs var:action ?>" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="party_id" value="<?cs var:Party.id ?>"><input type="hidden" name="id" value="<?cs var:id ?>"><button type="submit" class="danger"><?cs var:Lang.records.really_remove ?></button></form></details><?cs /def ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <div class="toolbar">
    <h1 id="party-name"><?cs if:Party.starred == "1" ?><span class="star">★</span> <?cs /if ?><?cs call:party_icon(Party.icon) ?><?cs each:k = Rankings ?><?cs if:k.is_current == "1" ?><?cs set:Page.rank_color = k.color ?><?cs /if ?><?cs /each ?><?cs if:Party.color_from_rank == "1" && Page.rank_color ?><?cs call:swatch(Page.rank_color) ?><?cs else ?><?cs call:swatch(Party.color) ?><?cs /if ?><?cs var:Party.display_name ?> <small class="muted" dir="ltr"><?cs var:Party.code ?></small></h1>
    <div class="actions">
      <?cs if:Perm.parties.edit ?><a class="button" id="edit" href="/parties/party/edit?id=<?cs var:url_escape(Party.id) ?>"><?cs var:Lang.parties.edit ?></a><?cs /if ?>
      <?cs if:Perm.parties.star ?><form method="post" action="/parties/party/star" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Party.id ?>"><input type="hidden" name="star" value="<?cs if:Party.starred == "1" ?>0<?cs else ?>1<?cs /if ?>"><button type="submit" id="star"><?cs if:Party.starred == "1" ?><?cs var:Lang.parties.unstar ?><?cs else ?><?cs var:Lang.parties.star ?><?cs /if ?></button></form><?cs /if ?>
      <?cs if:Perm.parties.activate ?><form method="post" action="/parties/party/active" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Party.id ?>"><input type="hidden" name="active" value="<?cs if:Party.is_active == "1" ?>0<?cs else ?>1<?cs /if ?>"><button type="submit" id="toggle-active"><?cs if:Party.is_active == "1" ?><?cs var:Lang.admin.deactivate ?><?cs else ?><?cs var:Lang.admin.activate ?><?cs /if ?></button></form><?cs /if ?>
      <?cs if:Perm.parties.delete ?><details class="confirm" id="delete-confirm"><summary class="button danger"><?cs var:Lang.parties.delete ?></summary>
        <form method="post" action="/parties/party/delete" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:Party.id ?>"><span><?cs var:Lang.records.confirm_delete ?></span> <button type="submit" id="delete" class="danger"><?cs var:Lang.records.really_delete ?></button></form></details><?cs /if ?>
    </div>
  </div>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.failed ?><p class="error" role="alert" id="form-error"><?cs var:Form.errors.value ?><?cs var:Form.errors.other_code ?><?cs var:Form.errors.label ?><?cs var:Form.errors.rank ?><?cs var:Form.errors.employment ?></p><?cs /if ?>
  <?cs if:Party.is_active == "0" ?><p class="notice" id="inactive-note"><?cs var:Lang.parties.inactive_note ?></p><?cs /if ?>
  <?cs if:Party.kind == "company" ?><div class="logo-box"><?cs each:a = Attachments ?><?cs if:a.purpose == "logo" && !Page.logo ?><?cs set:Page.logo = a.id ?><?cs /if ?><?cs /each ?><?cs if:Page.logo ?><img class="logo" id="logo" src="/parties/logo?id=<?cs var:url_escape(Party.id) ?>&amp;v=<?cs var:url_escape(Page.logo) ?>" alt="<?cs var:Lang.parties.logo_alt ?>"><?cs /if ?>
    <?cs if:Perm.parties.edit ?><form method="post" action="/parties/logo/set" enctype="multipart/form-data" class="filters" id="logo-form"><?cs call:csrf_field() ?>
      <input type="hidden" name="party_id" value="<?cs var:Party.id ?>">
      <label><?cs var:Lang.parties.logo ?> <input type="file" name="logo" accept="image/png,image/jpeg,image/gif,image/webp" required></label>
      <button type="submit" id="logo-set"><?cs var:Lang.parties.logo_set ?></button><?cs if:Form.errors.logo ?><span class="field-error" id="logo-error"><?cs var:Form.errors.logo ?></span><?cs /if ?></form><?cs /if ?></div><?cs /if ?>
  <div class="columns">
    <dl class="facts">
      <dt><?cs var:Lang.parties.kind ?></dt><dd><?cs if:Party.kind == "company" ?><?cs var:Lang.parties.company ?><?cs else ?><?cs var:Lang.parties.person ?><?cs /if ?></dd>
      <?cs each:f = Details ?><dt><?cs var:f.label ?></dt><dd id="f-<?cs var:f.name ?>"><?cs if:f.long == "1" ?><span class="pre"><?cs var:f.text ?></span><?cs elif:f.ltr == "1" ?><span dir="ltr"><?cs var:f.text ?></span><?cs else ?><?cs var:f.text ?><?cs /if ?></dd><?cs /each ?>
      <?cs if:Party.kind == "person" ?><dt><?cs var:Lang.parties.languages ?></dt><dd><ul class="plain" id="languages"><?cs each:g = Languages ?><li><?cs call:lname(g) ?> · <?cs var:Lang.parties.level[g.level] ?></li><?cs /each ?></ul>
        <?cs if:Perm.parties.edit ?><form method="post" action="/parties/language/set" class="filters" id="language-form"><?cs call:csrf_field() ?>
          <input type="hidden" name="party_id" value="<?cs var:Party.id ?>">
          <select name="language_id" aria-label="<?cs var:Lang.parties.languages ?>"><?cs each:l = Lookups ?><?cs if:l.kind == "language" && l.is_active == "1" ?><option value="<?cs var:l.id ?>"><?cs var:l.name ?></option><?cs /if ?><?cs /each ?></select>
          <select name="level" aria-label="<?cs var:Lang.parties.level_label ?>"><?cs each:v = Lang.parties.level ?><option value="<?cs var:name(v) ?>"><?cs var:v ?></option><?cs /each ?><option value="none"><?cs var:Lang.parties.remove ?></option></select>
          <button type="submit" id="language-set"><?cs var:Lang.admin.save ?></button></form><?cs /if ?></dd><?cs /if ?>
      <dt><?cs var:Lang.parties.rank ?></dt><dd><ul class="plain" id="rankings"><?cs each:k = Rankings ?><li><span class="tag"><?cs call:swatch(k.color) ?><?cs var:k.name ?></span> <span dir="ltr"><?cs var:k.start_date ?></span><?cs if:k.end_date ?> – <span dir="ltr"><?cs var:k.end_date ?></span><?cs /if ?></li><?cs /each ?></ul>
        <?cs if:Perm.parties.edit ?><form method="post" action="/parties/ranking/add" class="filters" id="ranking-form"><?cs call:csrf_field() ?>
          <input type="hidden" name="party_id" value="<?cs var:Party.id ?>">
          <select name="rank_id" aria-label="<?cs var:Lang.parties.rank ?>"><?cs each:k = Ranks ?><option value="<?cs var:k.id ?>"><?cs var:k.name ?></option><?cs /each ?></select>
          <input name="start_date" class="date" dir="ltr" size="11" required placeholder="<?cs var:Lang.date_hint[User.calendar] ?>" aria-label="<?cs var:Lang.parties.from ?>" data-calendar="<?cs var:User.calendar ?>" data-digits="<?cs var:User.digits ?>" data-week-start="<?cs var:User.week_start ?>" data-picker-label="<?cs var:Lang.admin.pick_date ?>">
          <input name="end_date" class="date" dir="ltr" size="11" placeholder="<?cs var:Lang.parties.open_end ?>" aria-label="<?cs var:Lang.parties.to ?>" data-calendar="<?cs var:User.calendar ?>" data-digits="<?cs var:User.digits ?>" data-week-start="<?cs var:User.week_start ?>" data-picker-label="<?cs var:Lang.admin.pick_date ?>">
          <button type="submit" id="ranking-add"><?cs var:Lang.parties.add ?></button></form><?cs /if ?></dd>
      <dt><?cs var:Lang.parties.updated ?></dt><dd><span dir="ltr"><?cs var:Party.updated_text ?></span></dd>
    </dl>
    <div>
      <h2><?cs var:Lang.parties.channels ?></h2>
      <ul class="channels" id="channels"><?cs each:c = Channels ?><li>
        <span class="muted"><?cs var:Lang.parties.channel_type[c.type] ?><?cs if:c.label ?> · <?cs var:c.label ?><?cs /if ?></span>
        <?cs if:c.type == "email" ?><a href="mailto:<?cs var:url_escape(c.value) ?>" dir="ltr"><?cs var:c.value ?></a>
        <?cs elif:c.type == "website" ?><a href="<?cs var:url_validate(c.value) ?>" rel="noopener noreferrer" dir="ltr"><?cs var:c.value ?></a>
        <?cs elif:c.type == "address" ?><span><?cs var:c.value ?></span><?cs if:c.latitude ?> <a href="geo:<?cs var:url_escape(c.latitude) ?>,<?cs var:url_escape(c.longitude) ?>" class="map-link"><?cs var:Lang.parties.map ?></a> · <a href="https://www.openstreetmap.org/?mlat=<?cs var:url_escape(c.latitude) ?>&amp;mlon=<?cs var:url_escape(c.longitude) ?>#map=17/<?cs var:url_escape(c.latitude) ?>/<?cs var:url_escape(c.longitude) ?>" rel="noopener noreferrer" class="osm-link"><?cs var:Lang.parties.osm ?></a><?cs /if ?>
        <?cs else ?><a href="tel:<?cs var:url_escape(c.country_code) ?><?cs var:url_escape(c.area_code) ?><?cs var:url_escape(c.value) ?>" dir="ltr"><?cs if:c.country_code ?>+<?cs var:c.country_code ?> <?cs /if ?><?cs if:c.area_code ?>(<?cs var:c.area_code ?>) <?cs /if ?><?cs var:c.value ?><?cs if:c.extension ?> ext. <?cs var:c.extension ?><?cs /if ?></a><?cs /if ?>
        <?cs if:c.is_primary == "1" ?><span class="tag"><?cs var:Lang.parties.primary ?></span><?cs /if ?>
        <?cs if:Perm.parties.edit ?><?cs call:remove_item("/parties/channel/delete", c.id) ?><?cs /if ?>
      </li><?cs /each ?></ul>
      <?cs if:Perm.parties.edit ?><form method="post" action="/parties/channel/add" class="filters" id="channel-form"><?cs call:csrf_field() ?>
        <input type="hidden" name="party_id" value="<?cs var:Party.id ?>">
        <select name="type" aria-label="<?cs var:Lang.parties.channel ?>"><?cs each:t = Lang.parties.channel_type ?><option value="<?cs var:name(t) ?>"<?cs if:ChannelForm.type == name(t) ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?></select>
        <input name="country_code" size="3" dir="ltr" placeholder="<?cs var:Page.country_code ?>" aria-label="<?cs var:Lang.parties.country_code ?>">
        <input name="area_code" size="4" dir="ltr" placeholder="<?cs var:Lang.parties.area_code ?>" aria-label="<?cs var:Lang.parties.area_code ?>">
        <input name="value" id="channel-value" dir="auto" required value="<?cs var:ChannelForm.value ?>" aria-label="<?cs var:Lang.parties.channel ?>" placeholder="<?cs var:Lang.parties.channel ?>">
        <input name="extension" size="4" dir="ltr" aria-label="<?cs var:Lang.parties.extension ?>" placeholder="<?cs var:Lang.parties.extension ?>">
        <input name="label" size="8" aria-label="<?cs var:Lang.parties.label ?>" placeholder="<?cs var:Lang.parties.label ?>">
        <input name="latitude" size="9" dir="ltr" inputmode="decimal" aria-label="<?cs var:Lang.parties.latitude ?>" placeholder="<?cs var:Lang.parties.latitude ?>">
        <input name="longitude" size="9" dir="ltr" inputmode="decimal" aria-label="<?cs var:Lang.parties.longitude ?>" placeholder="<?cs var:Lang.parties.longitude ?>">
        <label class="check"><input type="checkbox" name="primary" value="1"> <?cs var:Lang.parties.primary ?></label>
        <button type="submit" id="channel-add"><?cs var:Lang.parties.add ?></button></form><?cs /if ?>
      <h2><?cs if:Party.kind == "company" ?><?cs var:Lang.parties.people ?><?cs else ?><?cs var:Lang.parties.works_at ?><?cs /if ?></h2>
      <ul class="channels" id="jobs"><?cs each:j = Jobs ?><li><a href="/parties/party?id=<?cs var:url_escape(j.other_id) ?>"><?cs var:j.other_name ?></a><?cs if:j.position ?> · <?cs var:j.position ?><?cs /if ?>
        <?cs if:Perm.parties.edit && Party.kind == "person" ?><?cs call:remove_item("/parties/employment/delete", j.id) ?><?cs /if ?></li><?cs /each ?></ul>
      <?cs if:Perm.parties.edit && Party.kind == "person" ?><form method="post" action="/parties/employment/add" class="filters" id="employment-form"><?cs call:csrf_field() ?>
        <input type="hidden" name="party_id" value="<?cs var:Party.id ?>">
        <input name="company_code" dir="ltr" size="10" required data-lookup="/parties/lookup?kind=company" placeholder="<?cs var:Lang.parties.company_code ?>" aria-label="<?cs var:Lang.parties.company_code ?>">
        <input name="position" maxlength="128" placeholder="<?cs var:Lang.parties.position ?>" aria-label="<?cs var:Lang.parties.position ?>">
        <button type="submit" id="employment-add"><?cs var:Lang.parties.add ?></button></form><?cs /if ?>
      <?cs if:Party.kind == "company" ?><h2><?cs var:Lang.parties.company_tree ?></h2>
      <?cs # the parents from the top, this company, then every company below it; one out of scope keeps its place, not its name ?>
      <ul class="plain tree" id="company-tree"><?cs each:t = Parents ?><li class="depth-<?cs var:t.level ?> parent"><?cs if:t.visible == "1" ?><a href="/parties/party?id=<?cs var:url_escape(t.id) ?>"><?cs var:t.name ?></a><?cs else ?><span class="muted"><?cs var:Lang.parties.company_hidden ?></span><?cs /if ?></li><?cs /each ?>
        <li class="depth-<?cs var:subcount(Parents) ?>" id="tree-self" aria-current="page"><strong><?cs var:Party.display_name ?></strong></li>
        <?cs each:t = Subsidiaries ?><li class="depth-<?cs var:#t.depth + subcount(Parents) ?> subsidiary"><?cs if:t.visible == "1" ?><a href="/parties/party?id=<?cs var:url_escape(t.id) ?>"><?cs var:t.name ?></a><?cs else ?><span class="muted"><?cs var:Lang.parties.company_hidden ?></span><?cs /if ?></li><?cs /each ?>
        <?cs if:Subsidiaries_more ?><li class="muted" id="tree-more"><?cs var:Lang.parties.tree_more ?></li><?cs /if ?></ul>
      <?cs if:subcount(Subsidiaries) > 0 ?><p class="links" id="tree-links"><a href="/parties/companies?company=<?cs var:url_escape(Party.code) ?>&amp;subs=1&amp;state=all" id="tree-companies"><?cs var:Lang.parties.tree_companies ?></a> · <a href="/parties/persons?company=<?cs var:url_escape(Party.code) ?>&amp;subs=1" id="tree-people"><?cs var:Lang.parties.tree_people ?></a></p><?cs /if ?><?cs /if ?>
      <h2><?cs var:Lang.parties.groups ?></h2>
      <form method="post" action="/parties/party/groups" id="groups-form"><?cs call:csrf_field() ?>
        <input type="hidden" name="party_id" value="<?cs var:Party.id ?>">
        <fieldset class="choices"><?cs each:g = Groups ?><label class="depth-<?cs var:g.depth ?>"><input type="checkbox" name="group" value="<?cs var:g.id ?>"<?cs if:InGroup[g.id] ?> checked<?cs /if ?><?cs if:!Perm.parties.edit ?> disabled<?cs /if ?>> <?cs var:g.name ?></label><?cs /each ?></fieldset>
        <?cs if:Perm.parties.edit && subcount(Groups) > 0 ?><button type="submit" id="groups-save"><?cs var:Lang.admin.save ?></button><?cs /if ?>
      </form>
      <h2><?cs var:Lang.parties.relations ?></h2>
      <ul id="relations"><?cs each:x = Relations ?><li><?cs if:x.direction == "out" ?><?cs var:Party.display_name ?> <?cs call:lname(x) ?> <a href="/parties/party?id=<?cs var:url_escape(x.other_id) ?>"><?cs var:x.other_name ?></a><?cs else ?><a href="/parties/party?id=<?cs var:url_escape(x.other_id) ?>"><?cs var:x.other_name ?></a> <?cs call:lname(x) ?> <?cs var:Party.display_name ?><?cs /if ?>
        <?cs if:Perm.parties.edit ?><?cs call:remove_item("/parties/relation/delete", x.id) ?><?cs /if ?></li><?cs /each ?></ul>
      <?cs if:Perm.parties.edit ?><form method="post" action="/parties/relation/add" class="filters" id="relation-form"><?cs call:csrf_field() ?>
        <input type="hidden" name="party_id" value="<?cs var:Party.id ?>">
        <select name="relation" aria-label="<?cs var:Lang.parties.relation ?>"><?cs each:t = Lookups ?><?cs if:t.kind == "relation" && t.is_active == "1" ?><option value="<?cs var:t.id ?>"><?cs var:Lang.parties.relation_type[t.code] ?></option><?cs /if ?><?cs /each ?></select>
        <input name="other_code" dir="ltr" size="10" required data-lookup="/parties/lookup" placeholder="<?cs var:Lang.parties.code ?>" aria-label="<?cs var:Lang.parties.code ?>">
        <button type="submit" id="relation-add"><?cs var:Lang.parties.add ?></button></form><?cs /if ?>
      <h2><?cs var:Lang.parties.attachments ?></h2>
      <ul class="attachments" id="attachments"><?cs each:a = Attachments ?><?cs if:a.purpose == "file" ?><?cs set:Page.has_files = 1 ?><li>
        <a href="/parties/attachment?party_id=<?cs var:url_escape(Party.id) ?>&amp;id=<?cs var:url_escape(a.id) ?>" dir="auto"><?cs var:a.file_name ?></a>
        <span class="muted" dir="ltr"><?cs var:a.size_text ?></span> · <span class="muted"><?cs var:a.uploader ?>, <span dir="ltr"><?cs var:a.uploaded_at ?></span></span><?cs if:a.note ?> · <?cs var:a.note ?><?cs /if ?>
        <?cs if:Perm.parties.edit ?><?cs call:remove_item("/parties/attachment/delete", a.id) ?><?cs /if ?>
      </li><?cs /if ?><?cs /each ?></ul>
      <?cs if:!Page.has_files ?><p class="muted" id="no-attachments"><?cs var:Lang.parties.no_files ?></p><?cs /if ?>
      <?cs if:Perm.parties.edit ?><form method="post" action="/parties/attachment/add" enctype="multipart/form-data" class="filters" id="attachment-form"><?cs call:csrf_field() ?>
        <input type="hidden" name="party_id" value="<?cs var:Party.id ?>">
        <input type="file" name="file" required aria-label="<?cs var:Lang.parties.file ?>">
        <input name="note" maxlength="255" placeholder="<?cs var:Lang.parties.note ?>" aria-label="<?cs var:Lang.parties.note ?>">
        <button type="submit" id="attachment-add"><?cs var:Lang.parties.attach ?></button><?cs if:Form.errors.file ?><span class="field-error" id="file-error"><?cs var:Form.errors.file ?></span><?cs /if ?></form><?cs /if ?>
    </div>
  </div>
  <?cs include:"layout/history.cs" ?>
</section>
<?cs include:"layout/footer.cs" ?>
