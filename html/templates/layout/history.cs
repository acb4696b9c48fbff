<?cs # The History section of a record page: its audit rows, newest first. ?>
<section class="history" id="history">
  <h2><?cs var:Lang.history.title ?></h2>
  <?cs if:subcount(History) == 0 ?><p class="muted"><?cs var:Lang.history.empty ?></p><?cs else ?>
  <table class="grid">
    <thead><tr><th><?cs var:Lang.history.when ?></th><th><?cs var:Lang.history.who ?></th><th><?cs var:Lang.history.action ?></th><th><?cs var:Lang.history.details ?></th></tr></thead>
    <tbody>
    <?cs each:h = History ?><tr>
      <td class="nowrap"><span dir="ltr"><?cs var:h.at ?></span></td>
      <td><?cs var:h.user ?> <small class="muted" dir="ltr"><?cs var:h.ip ?></small></td>
      <td><?cs var:Lang.audit_action[h.action] ?><?cs if:!Lang.audit_action[h.action] ?><?cs var:h.action ?><?cs /if ?></td>
      <td><code class="details" dir="ltr"><?cs var:h.details ?></code></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
</section>
