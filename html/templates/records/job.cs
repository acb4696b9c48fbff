<?cs set:Page.title = Lang.job.title ?><?cs include:"layout/header.cs" ?>
<section class="card" id="job" data-state="<?cs var:Job.state ?>">
  <h1><?cs var:Job.kind_label ?></h1>
  <p><?cs var:Lang.job.state_label ?>: <b id="job-state"><?cs var:Lang.job.state[Job.state] ?></b> · <span class="muted"><?cs var:Job.created_at ?></span></p>
  <p><progress id="job-progress" max="100" value="<?cs var:Job.percent ?>"><?cs var:Job.percent ?>%</progress>
    <span id="job-count"><?cs var:Job.done ?><?cs if:Job.total != "0" ?> / <?cs var:Job.total ?><?cs /if ?></span></p>
  <?cs if:Job.state == "queued" || Job.state == "running" ?><p class="muted" id="job-wait"><?cs var:Lang.job.wait ?></p><?cs /if ?>
  <?cs if:Job.error ?><p class="notice error" id="job-error"><?cs var:Lang.job.failed ?>: <?cs var:Job.error ?></p><?cs /if ?>
  <?cs if:Job.file ?><p><a class="button" id="job-download" href="<?cs var:url_validate(Job.file) ?>"><?cs var:Lang.job.download ?></a> <span class="muted"><?cs var:Job.file_name ?></span></p><?cs /if ?>
  <?cs if:Job.link ?><p><a class="button" id="job-result" href="<?cs var:url_validate(Job.link) ?>"><?cs var:Lang.job.result ?></a></p><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
