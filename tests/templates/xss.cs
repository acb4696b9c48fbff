<p><?cs var:P.text ?></p>
<input value="<?cs var:P.attr ?>">
<a href="<?cs var:url_validate(P.url) ?>">link</a>
<a href="<?cs var:url_validate(P.good_url) ?>">good</a>
<a href="/search?q=<?cs var:url_escape(P.text) ?>">search</a>
<script>var s = "<?cs var:js_escape(P.attr) ?>";</script>
<?cs each:item = List ?><li title="<?cs var:item.name ?>"><?cs var:item.name ?></li><?cs /each ?>
