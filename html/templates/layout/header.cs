<?cs include:"layout/macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:Page.lang ?>" dir="<?cs var:Page.dir ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?cs if:Page.refresh ?><meta http-equiv="refresh" content="<?cs var:Page.refresh ?>"><?cs /if ?>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<title><?cs if:Page.title ?><?cs var:Page.title ?> · <?cs /if ?><?cs var:Lang.app.name ?></title>
<?cs # Bootstrap's own right-to-left build for Persian, its plain build otherwise (html/static/vendor, from npm). ?>
<link rel="stylesheet" href="/static/vendor/bootstrap/css/<?cs if:Page.dir == "rtl" ?>bootstrap.rtl.min.css<?cs else ?>bootstrap.min.css<?cs /if ?>">
<link rel="stylesheet" href="/static/vendor/bootstrap-icons/bootstrap-icons.min.css">
<link rel="stylesheet" href="/static/vendor/vazirmatn/Vazirmatn-font-face.css">
<link rel="stylesheet" href="/static/vendor/tom-select/tom-select.bootstrap5.min.css">
<link rel="stylesheet" href="/static/css/crm.css">
</head>
<body class="dir-<?cs var:Page.dir ?>">
<a class="skip-link visually-hidden-focusable" href="#main" id="skip-link"><?cs var:Lang.menu.skip ?></a>
<?cs # One row from lg up; below it the menu folds behind a button (static/js/menu.js toggles .show and aria-expanded). ?>
<header class="topbar navbar navbar-expand-lg bg-body border-bottom">
  <div class="container-fluid">
  <a class="brand navbar-brand" href="/home/"><i class="bi bi-people-fill" aria-hidden="true"></i> <?cs var:Lang.app.name ?></a>
  <?cs if:User.id ?>
  <button class="navbar-toggler" type="button" id="menu-toggle" aria-controls="topnav" aria-expanded="false" aria-label="<?cs var:Lang.menu.toggle ?>"><span class="navbar-toggler-icon"></span></button>
  <div class="collapse navbar-collapse" id="topnav">
  <nav class="menu navbar-nav me-lg-auto" aria-label="<?cs var:Lang.menu.label ?>">
    <?cs each:item = Menu ?><a class="nav-link" href="<?cs var:url_validate(item.url) ?>" data-module="<?cs var:item.module ?>"<?cs if:item.active ?> aria-current="page"<?cs /if ?>><?cs var:item.label ?></a><?cs /each ?>
  </nav>
  <?cs # Global search and "+ New": their routes come from the registry (Header.*, app.c); static/js/header.js
       makes the box a combobox listing what the modules' search routes answer as you type. ?>
  <?cs if:subcount(Header.search) > 0 ?>
  <form class="global-search" role="search" method="get" action="<?cs var:url_validate(Header.search.0) ?>" id="global-search">
    <label class="visually-hidden" for="gs-q"><?cs var:Lang.header.search_label ?></label>
    <input type="search" name="q" id="gs-q" class="form-control form-control-sm" autocomplete="off" spellcheck="false"
      placeholder="<?cs var:Lang.header.search_hint ?>" role="combobox" aria-autocomplete="list" aria-expanded="false"
      aria-controls="gs-list" data-sources="<?cs each:s = Header.search ?><?cs var:url_validate(s) ?> <?cs /each ?>"
      data-none="<?cs var:Lang.header.search_none ?>">
    <ul id="gs-list" class="gs-list" role="listbox" aria-label="<?cs var:Lang.header.search_results ?>" hidden></ul>
  </form>
  <?cs /if ?>
  <?cs if:subcount(Header.quick) > 0 ?>
  <details class="quick-new" id="quick-new">
    <summary class="btn btn-sm btn-primary" id="quick-new-button"><i class="bi bi-plus-lg" aria-hidden="true"></i> <span class="quick-word"><?cs var:Lang.header.new ?></span></summary>
    <ul class="quick-menu" aria-label="<?cs var:Lang.header.new_label ?>">
      <?cs each:q = Header.quick ?><li><a href="<?cs var:url_validate(q.url) ?>" id="quick-<?cs var:q.name ?>"><?cs var:q.label ?></a></li><?cs /each ?>
    </ul>
  </details>
  <?cs /if ?>
  <div class="account" role="group" aria-label="<?cs var:Lang.menu.account ?>">
    <span class="user-name" id="user-name" title="<?cs var:User.name ?>"><i class="bi bi-person-circle" aria-hidden="true"></i> <?cs var:User.name ?></span>
    <a class="nav-link" href="/auth/preferences" id="prefs-link"><?cs var:Lang.menu.prefs ?></a>
    <a class="nav-link" href="/auth/password"><?cs var:Lang.menu.password ?></a>
    <form method="post" action="/auth/logout" class="inline"><?cs call:csrf_field() ?><button type="submit" id="logout" class="btn btn-sm btn-outline-secondary"><i class="bi bi-box-arrow-right" aria-hidden="true"></i> <?cs var:Lang.menu.logout ?></button></form>
  </div>
  <?cs call:lang_switch(Page.path) ?>
  </div>
  <?cs else ?>
  <?cs call:lang_switch(Page.path) ?>
  <?cs /if ?>
  </div>
</header>
<main id="main" tabindex="-1">
