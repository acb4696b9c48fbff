<?cs set:Page.title = Lang.admin.teams ?><?cs set:Page.section = "teams" ?><?cs include:"layout/header.cs" ?>
<section class="card wide">
  <?cs include:"admin/nav.cs" ?>
  <h1><?cs var:Lang.admin.teams ?></h1>
  <?cs call:rec_notices() ?>
  <?cs if:Perm.admin.create ?><form method="post" action="/admin/team/create" class="inline-form" id="team-new"><?cs call:csrf_field() ?>
    <input name="name" placeholder="<?cs var:Lang.admin.team_name ?>" aria-label="<?cs var:Lang.admin.team_name ?>" maxlength="128" required> <button type="submit" class="btn btn-primary"><?cs var:Lang.admin.new_team ?></button></form><?cs /if ?>
  <?cs if:Perm.admin.export ?><?cs call:export_links("/admin/teams/export", List.query) ?><?cs /if ?>
  <?cs call:rec_list("teams") ?>
</section>
<?cs include:"layout/footer.cs" ?>
