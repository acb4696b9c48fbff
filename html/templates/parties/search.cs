<?cs set:Page.title = Lang.parties.phonebook ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Lang.parties.phonebook ?></h1>
  <form method="get" action="/parties/search" id="phonebook-form" role="search">
    <input type="search" name="q" id="q" value="<?cs var:Search.q ?>" autocomplete="off" autofocus size="40"
      placeholder="<?cs var:Lang.parties.search_hint ?>" aria-label="<?cs var:Lang.parties.phonebook ?>" aria-controls="live">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.admin.search ?></button>
  </form>
  <div id="live" aria-live="polite"><?cs include:"parties/results.cs" ?></div>
</section>
<script src="/static/js/phonebook.js"></script>
<?cs include:"layout/footer.cs" ?>
