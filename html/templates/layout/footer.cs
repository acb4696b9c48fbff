</main>
<footer class="footer"><?cs var:Lang.app.footer ?></footer>
<script src="/static/js/menu.js"></script>
<script src="/static/js/header.js"></script>
<?cs # type-ahead for links to other records (Tom Select, from npm): fields with data-lookup ?>
<script src="/static/vendor/tom-select/tom-select.complete.min.js"></script>
<script src="/static/js/picker.js" data-none="<?cs var:Lang.picker.none ?>" data-create="<?cs var:Lang.picker.create ?>"></script>
<script src="/static/js/datepicker.js" data-open="<?cs var:Lang.admin.pick_date ?>" data-title="<?cs var:Lang.datepicker.title ?>" data-prev-year="<?cs var:Lang.datepicker.prev_year ?>" data-next-year="<?cs var:Lang.datepicker.next_year ?>" data-prev-month="<?cs var:Lang.datepicker.prev_month ?>" data-next-month="<?cs var:Lang.datepicker.next_month ?>" data-month="<?cs var:Lang.datepicker.month ?>" data-year="<?cs var:Lang.datepicker.year ?>" data-today="<?cs var:Lang.datepicker.today ?>" data-close="<?cs var:Lang.datepicker.close ?>"></script>
</body>
</html>
