<?cs include:"layout/macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Page.lang ?>" dir="<?cs var:Page.dir ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?cs if:Page.refresh ?><meta http-equiv="refresh" content="<?cs var:Page.refresh ?>"><?cs /if ?>
<title><?cs if:Page.title ?><?cs var:Page.title ?> · <?cs /if ?><?cs var:Lang.app.name ?></title>
<link rel="stylesheet" href="/static/vendor/vazirmatn/Vazirmatn-font-face.css">
<link rel="stylesheet" href="/static/css/crm.css">
</head>
<body class="dir-<?cs var:Page.dir ?>">
<header class="topbar">
  <a class="brand" href="/home/"><?cs var:Lang.app.name ?></a>
  <?cs if:User.id ?>
  <nav class="menu" aria-label="<?cs var:Lang.menu.label ?>">
    <?cs each:item = Menu ?><a href="<?cs var:url_validate(item.url) ?>" data-module="<?cs var:item.module ?>"<?cs if:item.active ?> aria-current="page"<?cs /if ?>><?cs var:item.label ?></a><?cs /each ?>
  </nav>
  <div class="account">
    <span class="user-name" id="user-name"><?cs var:User.name ?></span>
    <a href="/auth/preferences" id="prefs-link"><?cs var:Lang.menu.prefs ?></a>
    <a href="/auth/password"><?cs var:Lang.menu.password ?></a>
    <form method="post" action="/auth/logout" class="inline"><?cs call:csrf_field() ?><button type="submit" id="logout"><?cs var:Lang.menu.logout ?></button></form>
  </div>
  <?cs /if ?>
  <?cs call:lang_switch(Page.path) ?>
</header>
<main id="main">
