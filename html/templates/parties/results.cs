<ul class="results" id="results"><?cs each:p = Results ?><li<?cs if:p.is_active == "0" ?> class="inactive"<?cs /if ?>>
  <a class="result-link" href="/parties/party?id=<?cs var:url_escape(p.id) ?>"><?cs if:p.starred == "1" ?>★ <?cs /if ?><?cs var:p.display_name ?></a>
  <small class="muted" dir="ltr"><?cs var:p.code ?></small>
  <?cs if:p.company ?><span class="result-company" title="<?cs var:Lang.parties.company ?>"><?cs var:p.company ?></span><?cs /if ?>
  <?cs if:p.tel ?><a class="result-phone" dir="ltr" href="tel:<?cs var:p.tel ?>"><?cs var:p.phone ?></a><?cs elif:p.phone ?><span dir="ltr"><?cs var:p.phone ?></span><?cs /if ?>
  <?cs if:p.email ?><a class="result-email" dir="ltr" href="mailto:<?cs var:url_escape(p.email) ?>"><?cs var:p.email ?></a><?cs /if ?>
  <?cs if:p.is_active == "0" ?><span class="tag"><?cs var:Lang.parties.state_inactive ?></span><?cs /if ?>
</li><?cs /each ?></ul>
<?cs if:Search.q && Search.count == 0 ?><p class="muted" id="no-results"><?cs var:Lang.parties.none ?></p><?cs /if ?>
