<?cs # Shared macros. Every value goes out through var:, which escapes it. ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf_token" value="<?cs var:Page.csrf ?>"><?cs /def ?>
<?cs def:lang_switch(next) ?>
<form class="lang-switch" method="post" action="/auth/language">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="next" value="<?cs var:next ?>">
  <button type="submit" name="lang" value="fa" lang="fa"<?cs if:Page.lang == "fa" ?> aria-current="true"<?cs /if ?>>فارسی</button>
  <button type="submit" name="lang" value="en" lang="en"<?cs if:Page.lang == "en" ?> aria-current="true"<?cs /if ?>>English</button>
  <button type="submit" name="lang" value="tr" lang="tr"<?cs if:Page.lang == "tr" ?> aria-current="true"<?cs /if ?>>Türkçe</button>
</form>
<?cs /def ?>
