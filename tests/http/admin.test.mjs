// Administration: users, roles and the permission matrix, teams, audit search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { VAR, get, post, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const auditCount = (table, id, action) =>
  sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = '${table}' AND record_id = ${id} AND action = '${action}'`);
const roleId = (name) => sqlInt(`SELECT id FROM roles WHERE name = '${name}'`);
const userId = (name) => sqlInt(`SELECT id FROM users WHERE username = '${name}'`);

async function formOf(jar, url) {
  const page = await get(url, { jar });
  assert.equal(page.status, 200, url);
  return { page, csrf: csrfOf(page.text) };
}

async function createRole(jar, name, cells) {
  const { csrf } = await formOf(jar, '/admin/role/new');
  const body = new URLSearchParams({ csrf_token: csrf, name, description: 'test role' });
  for (const [k, v] of Object.entries(cells)) body.append(k, v);
  const res = await post('/admin/role/create', body.toString(), { jar, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 303, res.text.slice(0, 500));
  return roleId(name);
}

async function createUserViaForm(jar, fields) {
  const { csrf } = await formOf(jar, '/admin/user/new');
  const body = new URLSearchParams({ csrf_token: csrf, lang: 'fa', calendar: 'jalali', digits: 'latin', week_start: '6', ...fields });
  for (const r of fields.roles || []) body.append('role', String(r));
  body.delete('roles');
  return post('/admin/user/create', body.toString(), { jar, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

test('admin creates a user; the temporary password works once and must be changed', async () => {
  const jar = await adminSession();
  const name = uniqueName('new');
  const res = await createUserViaForm(jar, { username: name, display_name: 'Sara Ahmadi', email: 'sara@example.com', roles: [roleId('staff')] });
  assert.equal(res.status, 200);
  const temp = res.text.match(/id="temp-password">([^<]+)</)[1];
  const id = userId(name);
  assert.equal(auditCount('users', id, 'insert'), 1);
  const details = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'users' AND record_id = ${id}`));
  assert.equal(details.display_name.new, 'Sara Ahmadi');
  assert.equal(details.roles.new, 'staff');
  const { jar: u } = await login(name, temp);
  const home = await get('/home/', { jar: u });
  assert.equal(home.status, 303);
  assert.equal(home.headers.location, '/auth/password');
});

test('bad input on the user form: 422 with messages, nothing saved, no audit row', async () => {
  const jar = await adminSession();
  const users = sqlInt('SELECT COUNT(*) FROM users');
  const audits = sqlInt('SELECT COALESCE(MAX(id), 0) FROM audit_log'); // ids, not a count: other tests leave gaps
  for (const fields of [
    { username: 'A B', display_name: 'x' },
    { username: uniqueName('ok'), display_name: '' },
    { username: uniqueName('ok'), display_name: 'x', email: 'not-an-email' },
    { username: uniqueName('ok'), display_name: 'x', calendar: 'julian' },
    { username: uniqueName('ok'), display_name: 'x', roles: [999999] },
  ]) {
    const res = await createUserViaForm(jar, fields);
    assert.equal(res.status, 422, JSON.stringify(fields));
    assert.match(res.text, /class="field-error"/);
  }
  const dup = await createUserViaForm(jar, { username: 'admin', display_name: 'Another' });
  assert.equal(dup.status, 409);
  assert.equal(sqlInt('SELECT COUNT(*) FROM users'), users);
  // The admin's login wrote its row; the failed saves wrote none.
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE id > ${audits}`),
    sqlInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND id > ${audits}`));
});

test('a view-only role sees the module read-only; saving is 403 and changes nothing', async () => {
  const jar = await adminSession();
  const role = uniqueName('viewer');
  await createRole(jar, role, { p_admin_view: 'all', p_home_view: 'all' });
  const name = uniqueName('ro');
  createUser(name, 'read-only-password', role);
  const { jar: ro } = await login(name, 'read-only-password');
  const list = await get('/admin/users', { jar: ro });
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /id="new-user"/);
  const target = userId('admin');
  const form = await get(`/admin/user?id=${target}`, { jar: ro });
  assert.equal(form.status, 200);
  assert.doesNotMatch(form.text, /id="save"/);
  assert.match(form.text, /id="display_name"[^>]* disabled/);
  const before = sql(`SELECT CONCAT(display_name, '|', version) FROM users WHERE id = ${target}`);
  const audits = sqlInt("SELECT COUNT(*) FROM audit_log WHERE action <> 'denied'");
  const save = await post('/admin/user/update', { csrf_token: csrfOf(form.text), id: target, version: 1, display_name: 'Hacked',
    lang: 'fa', calendar: 'jalali', digits: 'latin', week_start: 6 }, { jar: ro });
  assert.equal(save.status, 403);
  assert.equal((await get('/admin/user/new', { jar: ro })).status, 403);
  assert.equal((await post('/admin/role/create', { csrf_token: csrfOf(form.text), name: 'x' }, { jar: ro })).status, 403);
  assert.equal(sql(`SELECT CONCAT(display_name, '|', version) FROM users WHERE id = ${target}`), before);
  assert.equal(sqlInt("SELECT COUNT(*) FROM audit_log WHERE action <> 'denied'"), audits, 'no change was audited');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = '${name}' AND a.action = 'denied'`), 3,
    'each denial is in the audit trail');
  assert.match(fs.readFileSync(path.join(VAR, 'log', 'admin.log'), 'utf8'), /denied: user=\d+ POST \/admin\/user\/update needs admin\.edit/);
});

test('without admin view the module is 403', async () => {
  const name = uniqueName('staff');
  createUser(name, 'staff-password-1', 'staff');
  const { jar } = await login(name, 'staff-password-1');
  assert.equal((await get('/admin/users', { jar })).status, 403);
  assert.doesNotMatch((await get('/home/', { jar })).text, /href="\/admin\/users"/, 'the menu hides it');
});

test('two saves from the same version: the second is a conflict that loses nothing', async () => {
  const jar = await adminSession();
  const name = uniqueName('lock');
  createUser(name, 'locking-password-1');
  const id = userId(name);
  const a = await formOf(jar, `/admin/user?id=${id}`);
  const version = a.page.text.match(/name="version" value="(\d+)"/)[1];
  const base = { csrf_token: a.csrf, id, version, lang: 'fa', calendar: 'jalali', digits: 'latin', week_start: 6, role: roleId('staff') };
  const first = await post('/admin/user/update', { ...base, display_name: 'First Writer' }, { jar });
  assert.equal(first.status, 303);
  const second = await post('/admin/user/update', { ...base, display_name: 'Second Writer' }, { jar });
  assert.equal(second.status, 409);
  assert.match(second.text, /id="form-conflict"/);
  assert.match(second.text, /First Writer/, 'the other change is shown');
  assert.match(second.text, /value="Second Writer"/, 'what this user typed is kept');
  assert.equal(sql(`SELECT display_name FROM users WHERE id = ${id}`), 'First Writer');
  assert.equal(auditCount('users', id, 'update'), 1);
  const details = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'users' AND record_id = ${id} AND action = 'update'`));
  assert.deepEqual(details.display_name, { old: name, new: 'First Writer' });
  // Saving again from the conflict page (it carries the new version) keeps the second value.
  const newVersion = second.text.match(/name="version" value="(\d+)"/)[1];
  const again = await post('/admin/user/update', { ...base, version: newVersion, display_name: 'Second Writer' }, { jar });
  assert.equal(again.status, 303);
  assert.equal(sql(`SELECT display_name FROM users WHERE id = ${id}`), 'Second Writer');
});

test('deactivate ends the sessions and blocks login; one audit row; not oneself', async () => {
  const jar = await adminSession();
  const name = uniqueName('leaver');
  createUser(name, 'leaving-password-1');
  const id = userId(name);
  const { jar: u } = await login(name, 'leaving-password-1');
  const { csrf } = await formOf(jar, `/admin/user?id=${id}`);
  assert.equal((await post('/admin/user/active', { csrf_token: csrf, id, active: 0 }, { jar })).status, 303);
  assert.equal((await get('/home/', { jar: u })).status, 303);
  await assert.rejects(login(name, 'leaving-password-1'));
  assert.equal(auditCount('users', id, 'deactivate'), 1);
  assert.equal((await post('/admin/user/active', { csrf_token: csrf, id, active: 0 }, { jar })).status, 303);
  assert.equal(auditCount('users', id, 'deactivate'), 1, 'no change, no row');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM users WHERE id = ${id}`), 1, 'never deleted');
  const self = await post('/admin/user/active', { csrf_token: csrf, id: userId('admin'), active: 0 }, { jar });
  assert.equal(self.status, 409);
  assert.equal(sqlInt("SELECT is_active FROM users WHERE username = 'admin'"), 1);
});

test('password reset gives a temporary password that must be changed', async () => {
  const jar = await adminSession();
  const name = uniqueName('forgot');
  createUser(name, 'forgotten-password');
  const id = userId(name);
  const { csrf } = await formOf(jar, `/admin/user?id=${id}`);
  const res = await post('/admin/user/password', { csrf_token: csrf, id }, { jar });
  assert.equal(res.status, 200);
  const temp = res.text.match(/id="temp-password">([^<]+)</)[1];
  await assert.rejects(login(name, 'forgotten-password'));
  const { jar: u } = await login(name, temp);
  assert.equal((await get('/home/', { jar: u })).headers.location, '/auth/password');
  assert.equal(auditCount('users', id, 'password_reset'), 1);
});

test('an admin cannot remove their own admin role', async () => {
  const jar = await adminSession();
  const id = userId('admin');
  const { page, csrf } = await formOf(jar, `/admin/user?id=${id}`);
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const res = await post('/admin/user/update', { csrf_token: csrf, id, version, display_name: 'admin', lang: 'fa',
    calendar: 'jalali', digits: 'latin', week_start: 6, role: roleId('staff') }, { jar });
  assert.equal(res.status, 422);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM user_roles WHERE user_id = ${id} AND role_id = ${roleId('admin')}`), 1);
});

test('role matrix: saved cells become grants; a bad scope changes nothing; the admin role is fixed', async () => {
  const jar = await adminSession();
  const name = uniqueName('sales');
  const id = await createRole(jar, name, { p_parties_view: 'team', p_parties_edit: 'own', p_home_view: 'all' });
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(module, '.', action, '=', scope) ORDER BY module, action) FROM role_permissions WHERE role_id = ${id}`),
    'home.view=all,parties.edit=own,parties.view=team');
  assert.equal(auditCount('roles', id, 'insert'), 1);
  const { page, csrf } = await formOf(jar, `/admin/role?id=${id}`);
  assert.match(page.text, /name="p_parties_view"[^>]*>[\s\S]*?<option value="team" selected>/);
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const bad = await post('/admin/role/update', { csrf_token: csrf, id, version, name, p_parties_view: 'everything' }, { jar });
  assert.equal(bad.status, 422);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM role_permissions WHERE role_id = ${id}`), 3);
  const ok = await post('/admin/role/update', { csrf_token: csrf, id, version, name, p_parties_view: 'all' }, { jar });
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(module, '.', action, '=', scope)) FROM role_permissions WHERE role_id = ${id}`), 'parties.view=all');
  assert.equal(auditCount('roles', id, 'update'), 1);
  const admin = roleId('admin');
  const fixed = await post('/admin/role/update', { csrf_token: csrf, id: admin, version: 1, name: 'admin' }, { jar });
  assert.equal(fixed.status, 403);
  // the admin role holds everything by rule, not by rows
  assert.equal(sqlInt(`SELECT COUNT(*) FROM role_permissions WHERE role_id = ${admin}`), 0);
});

test('teams: create, rename, taken names and stale renames refused', async () => {
  const jar = await adminSession();
  const { csrf } = await formOf(jar, '/admin/teams');
  const name = uniqueName('team');
  assert.equal((await post('/admin/team/create', { csrf_token: csrf, name }, { jar })).status, 303);
  const id = sqlInt(`SELECT id FROM teams WHERE name = '${name}'`);
  assert.equal((await post('/admin/team/create', { csrf_token: csrf, name }, { jar })).status, 409);
  assert.equal((await post('/admin/team/update', { csrf_token: csrf, id, version: 1, name: `${name}-b` }, { jar })).status, 303);
  assert.equal((await post('/admin/team/update', { csrf_token: csrf, id, version: 1, name: `${name}-c` }, { jar })).status, 409);
  assert.equal(sql(`SELECT name FROM teams WHERE id = ${id}`), `${name}-b`);
  assert.equal(auditCount('teams', id, 'insert'), 1);
  assert.equal(auditCount('teams', id, 'update'), 1);
  assert.equal((await post('/admin/team/create', { csrf_token: csrf, name: '' }, { jar })).status, 422);
});

test('audit search by user, action and a Jalali date range', async () => {
  const name = uniqueName('audited');
  createUser(name, 'audited-password-1');
  await login(name, 'audited-password-1');
  const id = userId(name);
  const jar = await adminSession();
  const all = await get(`/admin/audit?user=${id}&action=login`, { jar });
  assert.equal(all.status, 200);
  assert.equal((all.text.match(/<tr>\s*<td class="nowrap">/g) || []).length, 1);
  // the action and module as the reader's language names them, not their codes
  assert.match(all.text, /<td>ورود به سامانه<\/td><td dir="ltr">users #\d+<\/td><td>ورود<\/td>/);
  assert.match(all.text, /<option value="login" selected>ورود<\/option>/);
  // Today in the admin's calendar (Jalali, Latin digits) finds it; a day in 1390 does not.
  const today = sql("SELECT DATE(UTC_TIMESTAMP())");
  const todayText = all.text.match(/<span dir="ltr">(\d{4}\/\d{2}\/\d{2}) \d{2}:\d{2}<\/span>/)[1];
  assert.ok(todayText.startsWith('14'), `a Jalali date, got ${todayText} for ${today}`);
  const inRange = await get(`/admin/audit?user=${id}&action=login&from=${encodeURIComponent('1390/01/01')}&to=${encodeURIComponent('1499/12/29')}`, { jar });
  assert.equal((inRange.text.match(/<tr>\s*<td class="nowrap">/g) || []).length, 1);
  const outOfRange = await get(`/admin/audit?user=${id}&from=${encodeURIComponent('1390/01/01')}&to=${encodeURIComponent('1390/12/29')}`, { jar });
  assert.equal((outOfRange.text.match(/<tr>\s*<td class="nowrap">/g) || []).length, 0);
  const bad = await get(`/admin/audit?from=${encodeURIComponent('1402/12/30')}`, { jar });
  assert.equal(bad.status, 422, '1402 is not a leap year');
});

test('own preferences: Jalali with Persian digits everywhere; bad values change nothing', async () => {
  const name = uniqueName('prefs');
  createUser(name, 'prefs-password-1');
  const { jar } = await login(name, 'prefs-password-1');
  const form = await get('/auth/preferences', { jar });
  assert.equal(form.status, 200);
  const version = form.text.match(/name="version" value="(\d+)"/)[1];
  const bad = await post('/auth/preferences', { csrf_token: csrfOf(form.text), version, lang: 'fa', calendar: 'mayan',
    digits: 'persian', week_start: 6 }, { jar });
  assert.equal(bad.status, 422);
  assert.equal(sql(`SELECT calendar FROM users WHERE username = '${name}'`), 'jalali');
  const ok = await post('/auth/preferences', { csrf_token: csrfOf(form.text), version, lang: 'fa', calendar: 'jalali',
    digits: 'persian', week_start: 6 }, { jar });
  assert.equal(ok.status, 303);
  const page = await get('/auth/preferences', { jar });
  assert.match(page.text, /id="now">[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}</);
  const stale = await post('/auth/preferences', { csrf_token: csrfOf(form.text), version, lang: 'en', calendar: 'hijri',
    digits: 'latin', week_start: 0 }, { jar });
  assert.equal(stale.status, 409);
  assert.equal(sql(`SELECT digits FROM users WHERE username = '${name}'`), 'persian');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'users' AND record_id = ${userId(name)} AND action = 'update'`), 1);
});

test('the user form limits an agent to listed accounts and links the user to a person', async () => {
  const jar = await adminSession();
  const name = uniqueName('agent');
  createUser(name, 'agent-password-1');
  const uid = userId(name);
  const code = (n) => sql(`SELECT code FROM parties WHERE is_deleted = 0 ORDER BY id DESC LIMIT 1 OFFSET ${n}`);
  const [a, b] = [code(0), code(1)];
  const { page, csrf } = await formOf(jar, `/admin/user?id=${uid}`);
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const base = { csrf_token: csrf, id: uid, version, display_name: name, lang: 'fa', calendar: 'jalali', digits: 'latin',
    week_start: 6, role: roleId('staff') };
  const bad = await post('/admin/user/update', { ...base, customers: `${a}\nno-such-code` }, { jar });
  assert.equal(bad.status, 422);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM user_customers WHERE user_id = ${uid}`), 0);
  const personCode = sql("SELECT code FROM parties WHERE kind = 'person' AND is_deleted = 0 ORDER BY id LIMIT 1");
  const ok = await post('/admin/user/update', { ...base, customers: `${a}, ${b}`, person_code: personCode }, { jar });
  assert.equal(ok.status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM user_customers WHERE user_id = ${uid}`), 2);
  assert.equal(sql(`SELECT p.code FROM users u JOIN parties p ON p.id = u.person_id WHERE u.id = ${uid}`), personCode);
  const details = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'users' AND record_id = ${uid} AND action = 'update'`));
  assert.deepEqual(details.customers.new.split(/[,،] /).sort(), [a, b].sort(), 'named as the editor reads them (a Persian comma in Persian)');
  const shown = await get(`/admin/user?id=${uid}`, { jar });
  assert.match(shown.text, new RegExp(`id="customers"[^>]*>[^<]*${a}`));
  const company = await post('/admin/user/update', { ...base, version: Number(version) + 1,
    person_code: sql("SELECT code FROM parties WHERE kind = 'company' AND is_deleted = 0 LIMIT 1") }, { jar });
  assert.equal(company.status, 422, 'a company is not a person');
});

test('a backup that cannot be read is an error page, never an empty 200', async () => {
  const { jar } = await login('admin', adminPassword());
  const dir = path.join(VAR, 'backups');
  const name = 'crm-20000102-030405.tar.gz';
  fs.mkdirSync(path.join(dir, name), { recursive: true }); // a directory where the archive should be
  try {
    const res = await get(`/admin/backup/download?name=${name}`, { jar });
    assert.equal(res.status, 500);
    assert.match(res.text, /<h1>/);
    assert.equal(res.headers['content-disposition'], undefined);
  } finally {
    fs.rmdirSync(path.join(dir, name));
  }
  assert.equal((await get(`/admin/backup/download?name=${name}`, { jar })).status, 404);
});

test('a link the record holds stays when its row can no longer be chosen: the person went to the recycle bin', async () => {
  const jar = await adminSession();
  const name = uniqueName('linked');
  createUser(name, 'linked-password-1');
  const uid = userId(name);
  const personCode = uniqueName('LP');
  sql(`INSERT INTO parties (kind, code, display_name, name_norm) VALUES ('person', '${personCode}', 'Linked Person', 'linked person')`);
  const pid = sqlInt(`SELECT id FROM parties WHERE code = '${personCode}'`);
  sql(`INSERT INTO persons (party_id, last_name) VALUES (${pid}, 'Person')`);
  let form = await formOf(jar, `/admin/user?id=${uid}`);
  const base = { display_name: name, lang: 'fa', calendar: 'jalali', digits: 'latin', week_start: 6, role: roleId('staff') };
  const linked = await post('/admin/user/update', { ...base, csrf_token: form.csrf, id: uid,
    version: form.page.text.match(/name="version" value="(\d+)"/)[1], person_code: personCode }, { jar });
  assert.equal(linked.status, 303);
  sql(`UPDATE parties SET is_deleted = 1 WHERE id = ${pid}`);
  // the form still shows the code it holds; sent back unchanged with another change, both are kept
  form = await formOf(jar, `/admin/user?id=${uid}`);
  assert.match(form.page.text, new RegExp(`name="person_code"[^>]*value="${personCode}"`));
  const again = await post('/admin/user/update', { ...base, display_name: `${name} renamed`, csrf_token: form.csrf, id: uid,
    version: form.page.text.match(/name="version" value="(\d+)"/)[1], person_code: personCode }, { jar });
  assert.equal(again.status, 303, again.text.slice(0, 300));
  assert.equal(sqlInt(`SELECT person_id FROM users WHERE id = ${uid}`), pid);
  assert.equal(sql(`SELECT display_name FROM users WHERE id = ${uid}`), `${name} renamed`);
  // naming it anew is still refused: a deleted person cannot be chosen
  const other = uniqueName('u2');
  createUser(other, 'linked-password-2');
  const f2 = await formOf(jar, `/admin/user?id=${userId(other)}`);
  const refused = await post('/admin/user/update', { ...base, display_name: other, csrf_token: f2.csrf, id: userId(other),
    version: f2.page.text.match(/name="version" value="(\d+)"/)[1], person_code: personCode }, { jar });
  assert.equal(refused.status, 422);
});
