<?cs # The start page's "Recent imports" panel (GET /parties/import/panel): a fragment, empty when there is nothing to show. ?>
<?cs if:subcount(Imports) > 0 ?><ul class="home-list" id="recent-imports"><?cs each:i = Imports ?>
  <li><a href="/parties/import/<?cs if:i.status == "uploaded" ?>map<?cs else ?>view<?cs /if ?>?id=<?cs var:url_escape(i.id) ?>" dir="auto"><?cs var:i.file_name ?></a>
    <small class="text-body-secondary"><?cs var:i.created_at ?> · <?cs var:Lang.import.state[i.status] ?> · <?cs var:Lang.import.created ?> <?cs var:i.rows_created ?> · <?cs var:Lang.import.updated ?> <?cs var:i.rows_updated ?> · <?cs var:Lang.import.failed ?> <?cs var:i.rows_failed ?></small></li><?cs /each ?>
</ul>
<p class="panel-more"><a href="/parties/import"><?cs var:Lang.home.all_imports ?></a></p><?cs /if ?>
