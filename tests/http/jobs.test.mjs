// The job worker (cgi/worker/): kick, retries with backoff, the schedule with two workers, the lease
// reaper, kill -9 in the middle of a job, SKIP LOCKED. tests/run.sh gives the test stack short timings
// in var/test/crm.local.hdf: Jobs.LeaseSeconds = 3, BackoffBaseMs = 300, MaxAttempts = 3 (PollSeconds 5).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BUILD, VAR, sql, sqlInt, uniqueName, createUser } from './helpers.mjs';

const LOG = path.join(VAR, 'log', 'worker.log');
const EXPORTS = path.join(VAR, 'exports');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const adminId = () => sqlInt("SELECT id FROM users WHERE username = 'admin'");

function enqueue(kind, key, user = 0, params = '{}') {
  return Number(execFileSync(path.join(BUILD, 'bin/crmctl'), ['enqueue', kind, key, String(user), params],
    { env: process.env, encoding: 'utf8' }).trim());
}

function job(id) {
  const [state, attempts, result, error, owner, startUs] = sql(
    `SELECT state, attempts, result, error, COALESCE(lease_owner, ''), COALESCE(TIMESTAMPDIFF(MICROSECOND, created_at, started_at), -1)
     FROM jobs WHERE id = ${Number(id)}`).split('\t');
  return { state, attempts: Number(attempts), result, error, owner, startUs: Number(startUs) };
}

async function waitFor(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
const ended = (id, ms) => waitFor(`job ${id} to end`, () => { const j = job(id); return ['done', 'failed'].includes(j.state) && j; }, ms);
const logLines = (re) => fs.readFileSync(LOG, 'utf8').split('\n').filter((l) => re.test(l));
const idle = () => waitFor('an idle queue', () => sqlInt("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')") === 0);

// The supervised worker's process (multiwatch's child).
function workerPid() {
  const mw = fs.readFileSync(path.join(VAR, 'run', 'worker.pid'), 'utf8').trim();
  try { return Number(execFileSync('pgrep', ['-P', mw], { encoding: 'utf8' }).trim().split('\n')[0]); } catch { return 0; }
}

// A second worker on the same var/ (it finds the kick socket taken and polls).
const extra = [];
function startSecondWorker() {
  const fd = fs.openSync(LOG, 'a');
  const p = spawn(path.join(BUILD, 'bin/crm-worker'), [], { env: process.env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  extra.push(p);
  return p;
}
async function stopWorker(p) {
  if (p.exitCode !== null) return p.exitCode;
  const done = new Promise((r) => p.on('exit', (code) => r(code)));
  p.kill('SIGTERM');
  return done;
}
after(async () => { for (const p of extra) await stopWorker(p); });

test('a kicked job starts within a second (the poll is 5 s), three times over', async () => {
  await idle();
  for (let i = 0; i < 3; i++) {
    await sleep(1200); // the worker is asleep in its poll by now
    const id = enqueue('sessions.purge', uniqueName('kick'));
    const j = await ended(id, 10000);
    assert.equal(j.state, 'done');
    assert.ok(j.startUs >= 0 && j.startUs < 1000000, `started ${j.startUs} us after it was enqueued`);
  }
});

test('the same key is the same job', () => {
  const key = uniqueName('same');
  assert.equal(enqueue('sessions.purge', key), enqueue('sessions.purge', key));
});

test('sessions.purge deletes ended sessions and old login attempts, and keeps live ones', async () => {
  const tag = uniqueName('purge').replace(/[^a-z0-9]/gi, '').slice(-20);
  const tok = (s) => `'${(tag + s).padEnd(64, '0').slice(0, 64)}'`;
  const uid = adminId();
  sql(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, idle_seconds) VALUES
    (${tok('a')}, ${uid}, UTC_TIMESTAMP() - INTERVAL 2 DAY, UTC_TIMESTAMP() - INTERVAL 1 MINUTE, UTC_TIMESTAMP() - INTERVAL 1 SECOND, 1800),
    (${tok('b')}, ${uid}, UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP() - INTERVAL 31 MINUTE, UTC_TIMESTAMP() + INTERVAL 1 DAY, 1800),
    (${tok('c')}, ${uid}, UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP() - INTERVAL 1 MINUTE, UTC_TIMESTAMP() + INTERVAL 1 DAY, 1800)`);
  sql(`INSERT INTO login_attempts (username, ip, attempted_at, success) VALUES
    ('${tag}', '10.9.9.9', UTC_TIMESTAMP(6) - INTERVAL 2 DAY, 0), ('${tag}', '10.9.9.9', UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE, 0)`);
  const j = await ended(enqueue('sessions.purge', uniqueName('purge')));
  assert.equal(j.state, 'done');
  assert.match(j.result, /^sessions=\d+ login_attempts=\d+$/);
  assert.equal(sql(`SELECT GROUP_CONCAT(RIGHT(RTRIM(REPLACE(token_hash, '0', ' ')), 1)) FROM sessions WHERE token_hash IN (${tok('a')}, ${tok('b')}, ${tok('c')})`), 'c');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM login_attempts WHERE username = '${tag}'`), 1);
});

test('a failing job is tried again with backoff, then ends failed with its error; bad params fail at once', async () => {
  // <var>/exports as a plain file: the export cannot be published (a real failure, not a stub)
  const aside = `${EXPORTS}.aside`;
  if (fs.existsSync(EXPORTS)) fs.renameSync(EXPORTS, aside);
  fs.writeFileSync(EXPORTS, 'not a directory');
  let id;
  try {
    id = enqueue('audit.export', uniqueName('fail'), adminId(), '{"format":"csv","action":"no-such-action"}');
    const j = await ended(id, 20000);
    assert.equal(j.state, 'failed');
    assert.equal(j.attempts, 3);
    assert.match(j.error, /^io: .*exports: Not a directory/);
  } finally {
    fs.unlinkSync(EXPORTS);
    if (fs.existsSync(aside)) fs.renameSync(aside, EXPORTS);
  }
  const lines = logLines(new RegExp(`job ${id} audit\\.export `));
  assert.deepEqual(lines.map((l) => l.match(/ (queued|failed|done) /)[1]), ['queued', 'queued', 'failed']);
  assert.deepEqual(lines.slice(0, 2).map((l) => Number(l.match(/retry_ms=(\d+)/)[1])), [300, 600]);
  const bad = enqueue('audit.export', uniqueName('bad'), adminId(), '{"format":"pdf"}');
  const b = await ended(bad);
  assert.equal(b.state, 'failed');
  assert.equal(b.attempts, 1);
  assert.equal(b.error, 'params');
  // a user who may not export the audit trail: refused when the job runs
  const staff = uniqueName('jobstaff');
  createUser(staff, 'job-staff-password-1');
  const denied = enqueue('audit.export', uniqueName('denied'), sqlInt(`SELECT id FROM users WHERE username = '${staff}'`), '{"format":"csv"}');
  assert.equal((await ended(denied)).error, 'denied');
});

test('the lease reaper takes back a job whose worker died', async () => {
  const key = uniqueName('reap');
  sql(`INSERT INTO jobs (kind, idem_key, params, state, attempts, max_attempts, run_after, lease_until, lease_owner, created_at, started_at)
       VALUES ('sessions.purge', '${key}', '{}', 'running', 1, 3, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) - INTERVAL 1 SECOND, 'gone:1:1',
               UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`);
  const id = sqlInt(`SELECT id FROM jobs WHERE idem_key = '${key}'`);
  const j = await ended(id, 15000);
  assert.equal(j.state, 'done');
  assert.equal(j.attempts, 2);
  assert.notEqual(j.owner, 'gone:1:1');
  assert.equal(logLines(new RegExp(`job ${id} sessions\\.purge queued us=0 reaped`)).length, 1);
});

test('kill -9 of the worker in the middle of a job: the job finishes exactly once', async () => {
  const action = uniqueName('bulk');
  sql(`INSERT INTO audit_log (at, user_id, ip, module, table_name, record_id, action, details)
       SELECT UTC_TIMESTAMP(6), ${adminId()}, '127.0.0.1', 'admin', 'users', seq, '${action}', JSON_OBJECT('n', seq)
       FROM seq_1_to_150000`);
  await idle();
  const id = enqueue('audit.export', uniqueName('kill'), adminId(), JSON.stringify({ format: 'csv', action }));
  await waitFor('the export to be under way', () => sqlInt(`SELECT progress_done FROM jobs WHERE id = ${id} AND state = 'running'`) >= 5000);
  const victim = workerPid();
  assert.ok(victim > 0);
  process.kill(victim, 'SIGKILL');
  await waitFor('multiwatch to start another worker', () => { const p = workerPid(); return p && p !== victim; });
  const j = await ended(id, 60000);
  assert.equal(j.state, 'done');
  assert.equal(j.attempts, 2);
  const name = `${id}-audit_log.csv`;
  assert.equal(j.result, name);
  assert.deepEqual(fs.readdirSync(EXPORTS).filter((f) => f.startsWith(`${id}-`)), [name]);
  const lines = fs.readFileSync(path.join(EXPORTS, name), 'utf8').split('\r\n').filter(Boolean);
  assert.equal(lines.length, 150001); // header + every row, once
  assert.equal(logLines(new RegExp(`job ${id} audit\\.export done `)).length, 1);
  assert.equal(logLines(new RegExp(`job ${id} audit\\.export queued us=0 reaped`)).length, 1);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND JSON_VALUE(details, '$.query') = 'job=${id}'`), 1);
  assert.equal(sqlInt(`SELECT JSON_VALUE(details, '$.rows') FROM audit_log WHERE action = 'export' AND JSON_VALUE(details, '$.query') = 'job=${id}'`), 150000);
  sql(`DELETE FROM audit_log WHERE action = '${action}'`);
});

test('two workers: the schedule enqueues once per due time, and no job runs twice (SKIP LOCKED)', async () => {
  const second = startSecondWorker();
  await sleep(1000);
  assert.equal(second.exitCode, null, 'the second worker runs');
  // the schedule due every second for a while
  const before = sqlInt("SELECT COALESCE(MAX(id), 0) FROM jobs");
  sql("UPDATE job_schedule SET every_seconds = 1, next_run_at = UTC_TIMESTAMP() WHERE kind = 'sessions.purge'");
  // a change made in SQL kicks nobody: a worker already asleep for its 5 s poll sees it only then,
  // so the window starts at the first scheduled run, not at the UPDATE
  const scheduled = () => sqlInt(`SELECT COUNT(*) FROM jobs WHERE id > ${before} AND kind = 'sessions.purge' AND idem_key LIKE 'due:%'`);
  for (let i = 0; i < 80 && scheduled() === 0; i++) await sleep(100);
  assert.ok(scheduled() > 0, 'the schedule ran within a poll');
  const t0 = Date.now();
  await sleep(5000);
  sql("UPDATE job_schedule SET every_seconds = 3600, next_run_at = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE kind = 'sessions.purge'");
  const seconds = (Date.now() - t0) / 1000;
  await idle();
  const keys = sql(`SELECT idem_key FROM jobs WHERE id > ${before} AND kind = 'sessions.purge' AND idem_key LIKE 'due:%' ORDER BY id`).split('\n').filter(Boolean);
  const dues = keys.map((k) => Number(k.slice(4)));
  assert.ok(dues.length >= 3 && dues.length <= Math.ceil(seconds) + 2, `${dues.length} scheduled runs in ${seconds} s`);
  assert.equal(new Set(dues).size, dues.length);
  // ascending due times, one job each (a worker that woke late skips a missed second rather than catching up)
  for (let i = 1; i < dues.length; i++) assert.ok(dues[i] > dues[i - 1], `due times ${dues.join(', ')}`);

  // many jobs due at the same moment: both workers wake for it (their sleep ends at the next run_after)
  const tag = uniqueName('pair').replace(/[^a-z0-9-]/gi, '');
  sql(`INSERT INTO jobs (kind, idem_key, params, max_attempts, run_after, created_at)
       SELECT 'sessions.purge', CONCAT('${tag}-', seq), '{}', 3, UTC_TIMESTAMP(6) + INTERVAL 2 SECOND, UTC_TIMESTAMP(6) FROM seq_1_to_200`);
  await idle();
  const rows = sql(`SELECT id, state, attempts, SUBSTRING_INDEX(lease_owner, ':', 2) FROM jobs WHERE idem_key LIKE '${tag}-%'`)
    .split('\n').map((l) => l.split('\t'));
  assert.equal(rows.length, 200);
  for (const [jid, state, attempts] of rows) {
    assert.equal(state, 'done');
    assert.equal(Number(attempts), 1, `job ${jid} claimed once`);
  }
  const text = fs.readFileSync(LOG, 'utf8');
  for (const [jid] of rows) assert.equal(text.split(`job ${jid} sessions.purge done `).length - 1, 1, `job ${jid} done once`);
  const owners = new Set(rows.map((r) => r[3]));
  assert.equal(owners.size, 2, `both workers took jobs: ${[...owners].join(', ')}`);
  assert.equal(await stopWorker(second), 0, 'SIGTERM stops the second worker cleanly');
});
