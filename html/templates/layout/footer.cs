</main>
<footer class="footer"><?cs var:Lang.app.footer ?></footer>
</body>
</html>
