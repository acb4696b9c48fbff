<?cs set:Page.title = Lang.parties.bin ?><?cs set:Page.section = "bin" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"parties/nav.cs" ?>
  <h1><?cs var:Lang.parties.bin ?></h1>
  <?cs call:rec_notices() ?>
  <p class="muted"><?cs var:Lang.records.bin_help ?></p>
  <div class="scroll table-responsive"><table class="grid" id="bin">
    <thead><tr><th scope="col"><?cs var:Lang.parties.name ?></th><th scope="col"><?cs var:Lang.parties.code ?></th><th scope="col"><?cs var:Lang.records.deleted_at ?></th><th scope="col"><?cs var:Lang.records.deleted_by ?></th><th></th></tr></thead>
    <tbody><?cs each:b = Bin.rows ?><tr id="bin-<?cs var:b.id ?>">
      <td><?cs var:b.title ?></td><td dir="ltr"><?cs var:b.code ?></td><td class="nowrap"><?cs var:b.at ?></td><td><?cs var:b.who ?></td>
      <td class="nowrap"><?cs if:Perm.parties.delete ?><form method="post" action="/parties/bin/restore" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:b.id ?>"><button type="submit" class="secondary"><?cs var:Lang.records.restore ?></button></form><?cs /if ?>
        <?cs if:Perm.parties.purge ?><details class="confirm"><summary class="button danger"><?cs var:Lang.records.purge ?></summary><form method="post" action="/parties/bin/purge" class="inline"><?cs call:csrf_field() ?><input type="hidden" name="id" value="<?cs var:b.id ?>"><span><?cs var:Lang.records.confirm_purge ?></span> <button type="submit" class="danger"><?cs var:Lang.records.really_purge ?></button></form></details><?cs /if ?></td>
    </tr><?cs /each ?>
    <?cs if:Bin.count == "0" ?><tr><td colspan="5" class="muted"><?cs var:Lang.records.bin_empty ?></td></tr><?cs /if ?></tbody>
  </table></div>
  <?cs if:Bin.more ?><nav class="pager"><a href="/parties/bin?before=<?cs var:url_escape(Bin.more) ?>" id="next-page" rel="next"><?cs var:Lang.records.next ?></a></nav><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
