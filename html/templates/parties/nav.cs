<?cs def:lname(x) ?><?cs if:Page.lang == "en" ?><?cs var:x.name_en ?><?cs elif:Page.lang == "tr" ?><?cs var:x.name_tr ?><?cs else ?><?cs var:x.name_fa ?><?cs /if ?><?cs /def ?>
<nav class="subnav" aria-label="<?cs var:Lang.module.parties ?>">
  <a href="/parties/persons"<?cs if:Page.section == "persons" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.parties.persons ?></a>
  <a href="/parties/companies"<?cs if:Page.section == "companies" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.parties.companies ?></a>
  <a href="/parties/groups"<?cs if:Page.section == "groups" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.parties.groups ?></a>
  <a href="/parties/lists"<?cs if:Page.section == "lists" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.parties.lists ?></a>
  <a href="/parties/places"<?cs if:Page.section == "places" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.parties.places ?></a>
  <a href="/parties/search"<?cs if:Page.section == "search" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.parties.phonebook ?></a>
  <a href="/parties/bin"<?cs if:Page.section == "bin" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.parties.bin ?></a>
  <?cs if:Perm.parties.create ?><a href="/parties/import"<?cs if:Page.section == "import" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.import.title ?></a><?cs /if ?>
</nav>
