<?cs set:Page.title = Lang.parties.places ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Lang.parties.places ?></h1>
  <nav class="trail" id="trail"><a href="/parties/places"><?cs var:Lang.parties.all_countries ?></a><?cs each:t = Trail ?> › <a href="/parties/places?parent=<?cs var:url_escape(t.id) ?>"><?cs var:t.name ?></a><?cs /each ?></nav>
  <?cs if:Form.notice ?><p class="notice" role="status" id="form-notice"><?cs var:Form.notice ?></p><?cs /if ?>
  <?cs if:Form.errors.place ?><p class="error" role="alert" id="form-error"><?cs var:Form.errors.place ?></p><?cs /if ?>
  <ul class="channels" id="places"><?cs each:p = Places ?><li>
    <?cs if:Perm.parties.configure ?><form method="post" action="/parties/place/rename" class="inline-form"><?cs call:csrf_field() ?>
      <input type="hidden" name="id" value="<?cs var:p.id ?>"><input type="hidden" name="version" value="<?cs var:p.version ?>"><input type="hidden" name="parent_id" value="<?cs if:Filter.parent != "0" ?><?cs var:Filter.parent ?><?cs /if ?>">
      <input name="name" value="<?cs var:p.name ?>" maxlength="128" required aria-label="<?cs var:Lang.parties.place_name ?>"> <button type="submit"><?cs var:Lang.admin.rename ?></button></form>
    <?cs else ?><?cs var:p.name ?><?cs /if ?>
    <?cs if:p.level != "district" ?><a href="/parties/places?parent=<?cs var:url_escape(p.id) ?>"><?cs var:Lang.parties.place_level_in[p.level] ?></a><?cs /if ?></li><?cs /each ?></ul>
  <?cs if:Perm.parties.configure && !Filter.leaf ?><form method="post" action="/parties/place/create" class="inline-form" id="place-new"><?cs call:csrf_field() ?>
    <input type="hidden" name="parent_id" value="<?cs if:Filter.parent != "0" ?><?cs var:Filter.parent ?><?cs /if ?>">
    <input name="name" maxlength="128" required placeholder="<?cs var:Lang.parties.place_level[Filter.level] ?>" aria-label="<?cs var:Lang.parties.place_level[Filter.level] ?>">
    <button type="submit" class="btn btn-primary"><?cs var:Lang.parties.add ?></button></form><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
