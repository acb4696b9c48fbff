<?cs # The History section of a record page: its audit rows, newest first, a page at a time;
   each change by its field's label, old -> new as the page shows them. ?>
<section class="history" id="history">
  <h2><?cs var:Lang.history.title ?></h2>
  <?cs if:subcount(History) == 0 ?><p class="muted"><?cs var:Lang.history.empty ?></p><?cs else ?>
  <div class="scroll table-responsive"><table class="grid">
    <thead><tr><th scope="col"><?cs var:Lang.history.when ?></th><th scope="col"><?cs var:Lang.history.who ?></th><th scope="col"><?cs var:Lang.history.action ?></th><th scope="col"><?cs var:Lang.history.details ?></th></tr></thead>
    <tbody>
    <?cs each:h = History ?><tr>
      <td class="nowrap"><span dir="ltr"><?cs var:h.at ?></span></td>
      <td><?cs var:h.user ?> <small class="muted" dir="ltr"><?cs var:h.ip ?></small></td>
      <td><?cs var:h.action_label ?></td>
      <td><?cs if:subcount(h.changes) > 0 ?><ul class="changes"><?cs each:c = h.changes ?><li><span class="field"><?cs var:c.label ?></span>: <?cs if:c.change == "1" ?><del><?cs if:c.old ?><?cs var:c.old ?><?cs else ?>—<?cs /if ?></del> → <ins><?cs if:c.new ?><?cs var:c.new ?><?cs else ?>—<?cs /if ?></ins><?cs else ?><?cs var:c.new ?><?cs /if ?></li><?cs /each ?></ul>
        <?cs elif:h.raw ?><code class="details" dir="ltr"><?cs var:h.raw ?></code><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table></div>
  <nav class="pager"><?cs if:History_newest ?><a href="<?cs var:url_validate(History_newest) ?>" id="history-newest"><?cs var:Lang.history.newest ?></a><?cs /if ?> <?cs if:History_older ?><a href="<?cs var:url_validate(History_older) ?>" id="history-older"><?cs var:Lang.history.older ?></a><?cs /if ?></nav>
  <?cs /if ?>
</section>
