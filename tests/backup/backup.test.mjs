// Backup and restore: from the admin screen (make, list, download, a refused and a
// confirmed restore) and through conf/backup.sh (what `make backup` / `make restore`
// run): backup, destroy, restore gives back identical table checksums and files.
// Runs as its own step after the other HTTP tests, since a restore replaces everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { get, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, postForm, roleWith, ROOT, VAR } from '../http/helpers.mjs';

const script = (...args) => execFileSync('bash', [path.join(ROOT, 'conf/backup.sh'), ...args], { encoding: 'utf8', env: process.env });
const sha = (f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const uploads = path.join(VAR, 'uploads');

function filesOf(dir) {
  const out = {};
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p); else out[path.relative(dir, p)] = sha(p);
  } };
  walk(dir);
  return out;
}

test('backup, destroy, restore: identical table checksums and files', () => {
  fs.mkdirSync(path.join(uploads, 'backup-test'), { recursive: true });
  fs.writeFileSync(path.join(uploads, 'backup-test', 'a.bin'), crypto.randomBytes(4096));
  fs.writeFileSync(path.join(uploads, 'backup-test', 'نام.txt'), 'پرونده');
  const tables = script('checksums');
  const files = filesOf(uploads);
  const triggers = sql("SELECT GROUP_CONCAT(trigger_name ORDER BY trigger_name) FROM information_schema.triggers WHERE trigger_schema = DATABASE()");
  assert.match(triggers, /ref_lookups_ai/);
  assert.ok(tables.split('\n').length > 20, 'every table has a checksum');
  const name = script('backup').trim();
  assert.match(name, /^crm-\d{8}-\d{6}\.tar\.gz$/);
  const archive = path.join(VAR, 'backups', name);
  const listing = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' });
  assert.match(listing, /^MANIFEST$/m);
  assert.match(listing, /^database\.sql$/m);
  assert.match(listing, /^files\/backup-test\/a\.bin$/m);

  // Destroy: rows changed and removed, a table dropped, files removed and added.
  sql("UPDATE parties SET display_name = 'destroyed' WHERE id IN (SELECT id FROM (SELECT id FROM parties ORDER BY id LIMIT 10) t)");
  sql('SET FOREIGN_KEY_CHECKS = 0; DROP TABLE party_stars; DELETE FROM audit_log ORDER BY id DESC LIMIT 5');
  fs.rmSync(path.join(uploads, 'backup-test', 'a.bin'));
  fs.writeFileSync(path.join(uploads, 'stray.bin'), 'not in the backup');
  assert.notEqual(script('checksums'), tables);

  const before = script('restore', name).trim();
  assert.match(before, /^crm-\d{8}-\d{6}\.tar\.gz$/, 'a fresh backup was taken first');
  assert.notEqual(before, name);
  assert.equal(script('checksums'), tables, 'every table as it was');
  assert.deepEqual(filesOf(uploads), files, 'every file as it was, and nothing else');
  // the triggers that keep reference data fresh came back too, restored by the application's account
  assert.equal(sql("SELECT GROUP_CONCAT(trigger_name ORDER BY trigger_name) FROM information_schema.triggers WHERE trigger_schema = DATABASE()"), triggers);
});

test('a damaged archive is refused and changes nothing', () => {
  const tables = script('checksums');
  const bad = path.join(VAR, 'backups', 'crm-20000101-000000.tar.gz');
  const name = script('backup').trim();
  // Same archive with one byte of the dump changed: the manifest no longer matches.
  const dir = fs.mkdtempSync(path.join(VAR, 'tmp', 'bad-'));
  execFileSync('tar', ['-C', dir, '-xzf', path.join(VAR, 'backups', name)]);
  fs.appendFileSync(path.join(dir, 'database.sql'), '\nDROP TABLE users;\n');
  execFileSync('tar', ['-C', dir, '-czf', bad, 'MANIFEST', 'database.sql', 'files']);
  assert.throws(() => script('restore', bad), /Command failed/);
  assert.equal(script('checksums'), tables);
  fs.rmSync(bad);
  fs.rmSync(dir, { recursive: true });
});

test('the admin screen makes, lists, downloads and restores backups', async () => {
  const { jar } = await login('admin', adminPassword());
  const page = await get('/admin/backups', { jar });
  assert.equal(page.status, 200);
  const made = await postForm('/admin/backup/create', { csrf_token: csrfOf(page.text) }, jar);
  assert.equal(made.status, 303);
  const name = made.headers.location.match(/made=(crm-[0-9-]+\.tar\.gz)/)[1];
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'backup' AND details LIKE '%${name}%'`), 1);
  const list = await get('/admin/backups', { jar });
  assert.ok(list.text.includes(`download?name=${name}`));
  const dl = await get(`/admin/backup/download?name=${name}`, { jar });
  assert.equal(dl.status, 200);
  assert.equal(crypto.createHash('sha256').update(dl.body).digest('hex'), sha(path.join(VAR, 'backups', name)));
  assert.equal((await get('/admin/backup/download?name=../secrets/db-password', { jar })).status, 404);

  // Made after the backup: gone after the restore.
  const tag = uniqueName('after');
  sql(`INSERT INTO lookups (kind, code, name_fa, name_en, name_tr) VALUES ('source', '${tag}', 'x', 'x', 'x')`);
  const wrong = await postForm('/admin/backup/restore', { csrf_token: csrfOf(list.text), name, confirm: 'yes' }, jar);
  assert.equal(wrong.status, 422, 'the file name must be typed to confirm');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM lookups WHERE code = '${tag}'`), 1);

  // Only the admin role restores, whatever the matrix grants (tests/http/permissions.test.mjs: nor sees the screen).
  const role = await roleWith(jar, { p_admin_view: 'all', p_admin_export: 'all', p_home_view: 'all' });
  const u = uniqueName('bk');
  createUser(u, 'backup-password-1', role);
  const other = await login(u, 'backup-password-1');
  assert.equal((await get('/admin/backups', { jar: other.jar })).status, 403);
  const theirs = await get('/admin/audit', { jar: other.jar });
  assert.equal((await postForm('/admin/backup/restore', { csrf_token: csrfOf(theirs.text), name, confirm: name }, other.jar)).status, 403);

  const ok = await postForm('/admin/backup/restore', { csrf_token: csrfOf(list.text), name, confirm: name }, jar);
  assert.equal(ok.status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM lookups WHERE code = '${tag}'`), 0);
  const before = ok.headers.location.match(/before=(crm-[0-9-]+\.tar\.gz)/)[1];
  assert.ok(fs.existsSync(path.join(VAR, 'backups', before)));
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'restore' AND details LIKE '%${before}%'`), 1);
  const after = await get('/admin/backups', { jar });
  assert.equal(after.status, 200, 'the session made before the backup still holds');
});
