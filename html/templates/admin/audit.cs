<?cs set:Page.title = Lang.admin.audit ?><?cs set:Page.section = "audit" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs var:Lang.admin.audit ?></h1>
  <?cs if:Form.failed ?><p class="error" role="alert" id="form-error"><?cs var:Lang.admin.err.fix ?></p><?cs /if ?>
  <form method="get" action="/admin/audit" class="filters" id="audit-filter">
    <label><?cs var:Lang.history.who ?> <select name="user"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs each:u = Users ?><option value="<?cs var:u.id ?>"<?cs if:Filter.user == u.id ?> selected<?cs /if ?>><?cs var:u.display_name ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.admin.module ?> <select name="module"><option value=""><?cs var:Lang.admin.any ?></option>
      <option value="auth"<?cs if:Filter.module == "auth" ?> selected<?cs /if ?>><?cs var:Lang.module.auth ?></option>
      <option value="cli"<?cs if:Filter.module == "cli" ?> selected<?cs /if ?>><?cs var:Lang.module.cli ?></option>
      <?cs each:m = Modules ?><option value="<?cs var:m.name ?>"<?cs if:Filter.module == m.name ?> selected<?cs /if ?>><?cs var:Lang.module[m.name] ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.history.action ?> <select name="action"><option value=""><?cs var:Lang.admin.any ?></option>
      <?cs each:a = ActionList ?><option value="<?cs var:a.action ?>"<?cs if:Filter.action == a.action ?> selected<?cs /if ?>><?cs if:Lang.audit_action[a.action] ?><?cs var:Lang.audit_action[a.action] ?><?cs else ?><?cs var:a.action ?><?cs /if ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.admin.from ?> <input name="from" class="date" id="filter-from" data-calendar="<?cs var:User.calendar ?>" data-digits="<?cs var:User.digits ?>" data-week-start="<?cs var:User.week_start ?>" data-picker-label="<?cs var:Lang.admin.pick_date ?>" value="<?cs var:Filter.from ?>" aria-describedby="filter-from-hint" dir="ltr" size="11"><small class="date-hint" id="filter-from-hint" aria-hidden="true"><?cs var:Lang.date_hint[User.calendar] ?></small><?cs if:Form.errors.from ?><span class="field-error"><?cs var:Form.errors.from ?></span><?cs /if ?></label>
    <label><?cs var:Lang.admin.to ?> <input name="to" class="date" id="filter-to" data-calendar="<?cs var:User.calendar ?>" data-digits="<?cs var:User.digits ?>" data-week-start="<?cs var:User.week_start ?>" data-picker-label="<?cs var:Lang.admin.pick_date ?>" value="<?cs var:Filter.to ?>" aria-describedby="filter-to-hint" dir="ltr" size="11"><small class="date-hint" id="filter-to-hint" aria-hidden="true"><?cs var:Lang.date_hint[User.calendar] ?></small><?cs if:Form.errors.to ?><span class="field-error"><?cs var:Form.errors.to ?></span><?cs /if ?></label>
    <button type="submit" class="btn btn-primary"><?cs var:Lang.admin.search ?></button>
  </form>
  <?cs if:Perm.admin.export ?><?cs set:ExportQuery = "user=" + url_escape(Filter.user) + "&module=" + url_escape(Filter.module) + "&action=" + url_escape(Filter.action) + "&from=" + url_escape(Filter.from) + "&to=" + url_escape(Filter.to) ?><?cs call:export_links("/admin/audit/export", ExportQuery) ?><?cs /if ?>
  <div class="table-responsive"><table class="grid" id="audit">
    <thead><tr><th><?cs var:Lang.history.when ?></th><th><?cs var:Lang.history.who ?></th><th><?cs var:Lang.admin.module ?></th><th><?cs var:Lang.admin.record ?></th><th><?cs var:Lang.history.action ?></th><th><?cs var:Lang.history.details ?></th></tr></thead>
    <tbody><?cs each:a = Audit ?><tr>
      <td class="nowrap"><span dir="ltr"><?cs var:a.at ?></span></td><td><?cs var:a.user ?> <small class="muted" dir="ltr"><?cs var:a.ip ?></small></td>
      <td><?cs if:Lang.module[a.module] ?><?cs var:Lang.module[a.module] ?><?cs else ?><?cs var:a.module ?><?cs /if ?></td><td dir="ltr"><?cs var:a.table_name ?> #<?cs var:a.record_id ?></td><td><?cs if:Lang.audit_action[a.action] ?><?cs var:Lang.audit_action[a.action] ?><?cs else ?><?cs var:a.action ?><?cs /if ?></td>
      <td><code class="details" dir="ltr"><?cs var:a.details ?></code></td></tr><?cs /each ?></tbody>
  </table></div>
  <?cs if:Next.before ?><p><a id="next-page" href="/admin/audit?user=<?cs var:url_escape(Filter.user) ?>&amp;module=<?cs var:url_escape(Filter.module) ?>&amp;action=<?cs var:url_escape(Filter.action) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>&amp;before=<?cs var:url_escape(Next.before) ?>"><?cs var:Lang.admin.older ?></a></p><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
