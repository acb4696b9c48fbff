<?cs set:Page.title = Lang.admin.temp_password ?><?cs set:Page.section = "users" ?><?cs include:"layout/header.cs" ?>
<section class="card narrow">
  <h1><?cs var:Lang.admin.temp_password ?></h1>
  <p><?cs var:Lang.admin.temp_password_text ?></p>
  <p><?cs var:Lang.admin.username ?>: <strong dir="ltr" id="temp-username"><?cs var:Temp.username ?></strong></p>
  <p><?cs var:Lang.login.password ?>: <code dir="ltr" id="temp-password"><?cs var:Temp.password ?></code></p>
  <p><a href="/admin/user?id=<?cs var:url_escape(Temp.user_id) ?>"><?cs var:Lang.admin.back_to_user ?></a></p>
</section>
<?cs include:"layout/footer.cs" ?>
