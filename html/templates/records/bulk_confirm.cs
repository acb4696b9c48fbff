<?cs set:Page.title = Bulk.label ?><?cs include:"layout/header.cs" ?>
<section class="card" id="bulk-confirm">
  <h1><?cs var:Bulk.label ?></h1>
  <p id="bulk-confirm-text"><?cs if:Bulk.all == "1" ?><?cs var:Lang.bulk.confirm_all ?><?cs else ?><?cs var:Lang.bulk.confirm_chosen ?><?cs /if ?> <b id="bulk-confirm-count"><?cs var:Bulk.count ?></b></p>
  <?cs if:Bulk.do == "delete" ?><p class="muted"><?cs var:Lang.bulk.to_bin ?></p><?cs /if ?>
  <form method="post" action="<?cs var:url_validate(Bulk.url) ?>"><?cs call:csrf_field() ?>
    <input type="hidden" name="do" value="<?cs var:Bulk.do ?>"><input type="hidden" name="list" value="<?cs var:Bulk.list ?>"><input type="hidden" name="query" value="<?cs var:Bulk.query ?>"><input type="hidden" name="confirm" value="1"><?cs if:Bulk.arg ?><input type="hidden" name="arg_<?cs var:Bulk.do ?>" value="<?cs var:Bulk.arg ?>"><?cs /if ?>
    <?cs if:Bulk.all == "1" ?><input type="hidden" name="all" value="1"><?cs /if ?><?cs each:i = Bulk.ids ?><input type="hidden" name="id" value="<?cs var:i ?>"><?cs /each ?>
    <button type="submit" id="bulk-confirm-go" class="btn btn-danger"><?cs var:Bulk.label ?></button>
    <a class="btn btn-outline-secondary" id="bulk-cancel" href="<?cs var:url_validate(Bulk.back) ?>?<?cs var:Bulk.query ?>"><?cs var:Lang.bulk.cancel ?></a>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
