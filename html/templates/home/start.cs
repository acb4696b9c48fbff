<?cs set:Page.title = Lang.home.title ?><?cs include:"layout/header.cs" ?>
<section class="card">
  <h1 id="welcome"><?cs var:Lang.home.welcome ?> <?cs var:User.name ?></h1>
  <p><?cs var:Lang.home.intro ?></p>
  <ul class="tiles">
    <?cs each:item = Menu ?><li><a href="<?cs var:url_validate(item.url) ?>"><?cs var:item.label ?></a></li><?cs /each ?>
  </ul>
</section>
<?cs include:"layout/footer.cs" ?>
