<?cs # Shared macros. Every value goes out through var:, which escapes it. ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf ?>"><?cs /def ?>
<?cs def:lang_switch(next) ?>
<form class="lang-switch" method="post" action="/auth/language">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="next" value="<?cs var:next ?>">
  <span class="btn-group" role="group">
  <button type="submit" class="btn btn-sm btn-outline-secondary" name="lang" value="fa" lang="fa"<?cs if:Page.lang == "fa" ?> aria-current="true"<?cs /if ?>>فارسی</button>
  <button type="submit" class="btn btn-sm btn-outline-secondary" name="lang" value="en" lang="en"<?cs if:Page.lang == "en" ?> aria-current="true"<?cs /if ?>>English</button>
  <button type="submit" class="btn btn-sm btn-outline-secondary" name="lang" value="tr" lang="tr"<?cs if:Page.lang == "tr" ?> aria-current="true"<?cs /if ?>>Türkçe</button></span>
</form>
<?cs /def ?>
<?cs # Download links of a list in every export format; query: the list's filters, already URL-encoded. ?>
<?cs def:export_links(base, query) ?><p class="exports" id="exports"><i class="bi bi-download" aria-hidden="true"></i> <?cs var:Lang.export.download ?>
  <?cs each:fmt = Lang.export.formats ?><a class="btn btn-sm btn-outline-secondary" data-export href="<?cs var:base ?>?format=<?cs var:name(fmt) ?>&amp;<?cs var:query ?>" id="export-<?cs var:name(fmt) ?>"><?cs var:fmt ?></a> <?cs /each ?>
  <span class="muted" id="export-status" role="status" aria-live="polite" data-preparing="<?cs var:Lang.export.preparing ?>" data-ready="<?cs var:Lang.export.ready ?>"></span></p><script src="/static/js/export.js" defer></script><?cs /def ?>
<?cs # A colour as a small square: an SVG presentation attribute, which the strict CSP allows (inline styles it does not). ?>
<?cs def:swatch(color) ?><?cs if:color ?><svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" rx="3" fill="<?cs var:color ?>"/></svg><?cs /if ?><?cs /def ?>
<?cs # A party's icon (the names are PARTY_ICONS in cgi/parties/party_fields.h). ?>
<?cs def:party_icon(icon) ?><?cs if:icon ?><span class="party-icon" title="<?cs var:Lang.parties.icon[icon] ?>"><?cs if:icon == "star" ?>★<?cs elif:icon == "flag" ?>⚑<?cs elif:icon == "heart" ?>♥<?cs elif:icon == "diamond" ?>◆<?cs elif:icon == "bolt" ?>⚡<?cs elif:icon == "crown" ?>♛<?cs elif:icon == "warning" ?>⚠<?cs elif:icon == "check" ?>✔<?cs elif:icon == "phone" ?>☎<?cs elif:icon == "briefcase" ?>💼<?cs /if ?></span><?cs /if ?><?cs /def ?>
<?cs include:"records/macros.cs" ?>
