<?cs set:Page.title = Error.title ?><?cs include:"layout/header.cs" ?>
<section class="card error" role="alert">
  <h1><?cs var:Error.title ?> <small>(<?cs var:Error.status ?>)</small></h1>
  <p><?cs var:Error.text ?></p>
  <p><a href="/home/"><?cs var:Lang.error.back ?></a></p>
</section>
<?cs include:"layout/footer.cs" ?>
