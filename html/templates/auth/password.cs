<?cs set:Page.title = Lang.password.title ?><?cs include:"layout/header.cs" ?>
<section class="card narrow">
  <h1><?cs var:Lang.password.title ?></h1>
  <?cs if:Password.forced ?><p class="notice" role="status"><?cs var:Lang.password.forced ?></p><?cs /if ?>
  <?cs if:Password.done ?><p class="notice" role="status" id="password-done"><?cs var:Lang.password.changed ?></p><?cs /if ?>
  <?cs if:Password.error ?><p class="error" role="alert" id="password-error"><?cs var:Password.error ?></p><?cs /if ?>
  <form method="post" action="/auth/password" class="form">
    <?cs call:csrf_field() ?>
    <label for="current"><?cs var:Lang.password.current ?></label>
    <input id="current" name="current" type="password" autocomplete="current-password" required dir="ltr">
    <label for="new"><?cs var:Lang.password.new ?> <small>(<?cs var:Lang.password.min_before ?> <?cs var:Password.min_length ?> <?cs var:Lang.password.min_after ?>)</small></label>
    <input id="new" name="new" type="password" autocomplete="new-password" required minlength="<?cs var:Password.min_length ?>" dir="ltr">
    <label for="confirm"><?cs var:Lang.password.confirm ?></label>
    <input id="confirm" name="confirm" type="password" autocomplete="new-password" required dir="ltr">
    <button type="submit" class="btn btn-primary" id="password-submit"><?cs var:Lang.password.submit ?></button>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
