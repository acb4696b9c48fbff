<?cs set:Page.title = Lang.home.title ?><?cs include:"layout/header.cs" ?>
<?cs # A party of the start page's lists: its name to its record, its code. ?>
<?cs def:home_party(p) ?><li<?cs if:p.is_active == "0" ?> class="inactive"<?cs /if ?>><i class="bi <?cs if:p.kind == "company" ?>bi-building<?cs else ?>bi-person<?cs /if ?>" aria-hidden="true"></i>
  <a href="/parties/party?id=<?cs var:url_escape(p.id) ?>"><?cs var:p.display_name ?></a> <small class="text-body-secondary" dir="ltr"><?cs var:p.code ?></small><?cs if:p.at ?> <small class="text-body-secondary"><?cs var:p.at ?></small><?cs /if ?></li><?cs /def ?>
<section class="card wide home">
  <h1 id="welcome"><?cs var:Lang.home.welcome ?> <?cs var:User.name ?></h1>
  <?cs if:Home.parties ?>
  <?cs # Each count as the lists count (exact, "about" or "more than"); the first two lead to their lists. ?>
  <ul class="home-counts" id="home-counts" aria-label="<?cs var:Lang.home.counts ?>">
    <?cs each:c = Home.count ?><li id="count-<?cs var:name(c) ?>">
      <a href="<?cs if:name(c) == "persons" ?>/parties/persons?state=all<?cs elif:name(c) == "companies" ?>/parties/companies?state=all<?cs elif:name(c) == "starred" ?>#home-starred<?cs else ?>#home-recent<?cs /if ?>">
        <span class="count-value"><?cs if:c.kind == "about" ?><?cs var:Lang.records.count_about ?> <?cs elif:c.kind == "more" ?><?cs var:Lang.records.count_more ?> <?cs /if ?><?cs var:c ?></span>
        <span class="count-label"><?cs var:Lang.home.count[name(c)] ?></span></a></li><?cs /each ?>
  </ul>
  <?cs /if ?>
</section>
<div class="home-panels">
  <?cs if:Home.parties ?>
  <section class="card" aria-labelledby="home-recent-title" id="home-recent">
    <h2 id="home-recent-title"><?cs var:Lang.home.recent ?></h2>
    <?cs if:subcount(Home.recent) > 0 ?><ul class="home-list" id="recent-list"><?cs each:p = Home.recent ?><?cs call:home_party(p) ?><?cs /each ?></ul>
    <?cs else ?><p class="text-body-secondary" id="recent-none"><?cs var:Lang.home.recent_none ?></p><?cs /if ?>
  </section>
  <section class="card" aria-labelledby="home-starred-title" id="home-starred">
    <h2 id="home-starred-title"><?cs var:Lang.home.starred ?></h2>
    <?cs if:subcount(Home.starred) > 0 ?><ul class="home-list" id="starred-list"><?cs each:p = Home.starred ?><?cs call:home_party(p) ?><?cs /each ?></ul>
    <?cs else ?><p class="text-body-secondary" id="starred-none"><?cs var:Lang.home.starred_none ?></p><?cs /if ?>
  </section>
  <?cs /if ?>
  <?cs # Panels named in the registry: static/js/panels.js fills each from its module's route, or drops it when empty. ?>
  <?cs each:panel = Panels ?>
  <section class="card home-panel" aria-labelledby="panel-<?cs var:panel.name ?>-title" id="panel-<?cs var:panel.name ?>" data-panel="<?cs var:url_validate(panel.url) ?>" hidden>
    <h2 id="panel-<?cs var:panel.name ?>-title"><?cs var:panel.title ?></h2>
    <div class="panel-body" aria-live="polite"></div>
  </section>
  <?cs /each ?>
</div>
<script src="/static/js/panels.js"></script>
<?cs include:"layout/footer.cs" ?>
