</main>
<footer class="footer"><?cs var:Lang.app.footer ?></footer>
<script src="/static/js/menu.js"></script>
<script src="/static/js/header.js"></script>
<script src="/static/js/datepicker.js"></script>
</body>
</html>
