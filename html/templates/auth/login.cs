<?cs set:Page.title = Lang.login.title ?><?cs include:"layout/header.cs" ?>
<section class="card narrow">
  <h1><?cs var:Lang.login.title ?></h1>
  <?cs if:Login.notice ?><p class="notice" role="status"><?cs var:Login.notice ?></p><?cs /if ?>
  <?cs if:Login.error ?><p class="error" role="alert" id="login-error"><?cs var:Login.error ?><?cs if:Login.wait_minutes ?> <?cs var:Lang.login.wait_before ?> <?cs var:Login.wait_minutes ?> <?cs var:Lang.login.wait_after ?><?cs /if ?></p><?cs /if ?>
  <form method="post" action="/auth/login" class="form">
    <?cs call:csrf_field() ?>
    <?cs if:Login.next ?><input type="hidden" name="next" value="<?cs var:Login.next ?>"><?cs /if ?>
    <label for="username"><?cs var:Lang.login.username ?></label>
    <input id="username" name="username" autocomplete="username" required maxlength="64" dir="ltr" value="<?cs var:Login.username ?>" autofocus>
    <label for="password"><?cs var:Lang.login.password ?></label>
    <input id="password" name="password" type="password" autocomplete="current-password" required dir="ltr">
    <label class="check"><input type="checkbox" name="remember" value="1"> <?cs var:Lang.login.remember ?></label>
    <button type="submit" class="btn btn-primary" id="login-submit"><?cs var:Lang.login.submit ?></button>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
