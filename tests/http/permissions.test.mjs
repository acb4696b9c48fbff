// The module registry and the permission model: the admin rule, `configure`, no escalation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, BUILD, get, post, postForm, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName,
  roleWith, newPerson, createParty, partyId, lookup } from './helpers.mjs';

const registry = fs.readFileSync(path.join(ROOT, 'conf/modules'), 'utf8').split('\n')
  .map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)
  .map((l) => { const [name, menu, start, ...actions] = l.split(/\s+/); return { name, menu, start, actions: actions.filter((a) => a !== '-' && !a.includes('=')) }; });
const adminSession = async () => (await login('admin', adminPassword())).jar;

// A user holding exactly the role made of these cells.
async function userWith(cells) {
  const admin = await adminSession();
  const role = await roleWith(admin, cells);
  const name = uniqueName('p');
  createUser(name, 'permissions-pw-1', role);
  return { name, role, jar: (await login(name, 'permissions-pw-1')).jar };
}

test('registry: every module answers behind nginx, the Apache example names each, the menu follows it', async () => {
  assert.ok(registry.length >= 4);
  for (const m of registry) {
    const res = await get(`/${m.name}/health`);
    assert.equal(res.status, 200, m.name);
    assert.equal(res.text, 'ok\n');
  }
  const htaccess = fs.readFileSync(path.join(path.dirname(BUILD), path.basename(BUILD), 'apache-cgi.htaccess'), 'utf8');
  const rule = htaccess.match(/RewriteRule \^\(([^)]*)\)\//)[1].split('|');
  assert.deepEqual(rule.sort(), registry.map((m) => m.name).sort());
  const home = await get('/home/', { jar: await adminSession() });
  const menu = [...home.text.matchAll(/<a [^>]*href="([^"]+)"[^>]*data-module="([a-z_]+)"/g)].map((x) => x[2]);
  const expected = registry.filter((m) => m.menu !== '-').sort((a, b) => Number(a.menu) - Number(b.menu)).map((m) => m.name);
  assert.deepEqual(menu, expected);
});

test('roles matrix: a row per registry module with actions, a cell only where the module has the action', async () => {
  const jar = await adminSession();
  const page = await get('/admin/role/new', { jar });
  const rows = [...page.text.matchAll(/name="p_([a-z_]+)_([a-z]+)"/g)].map((x) => `${x[1]}.${x[2]}`);
  const want = registry.flatMap((m) => m.actions.map((a) => `${m.name}.${a}`));
  assert.deepEqual(rows.sort(), want.sort());
  assert.ok(!rows.includes('home.edit') && !rows.includes('products.view'));
  // a cell the registry does not have is not stored, whatever is posted
  const name = uniqueName('cells');
  const res = await postForm('/admin/role/create', { csrf_token: csrfOf(page.text), name, p_home_view: 'all',
    p_home_edit: 'all', p_products_view: 'all' }, jar);
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(module, '.', action, '=', scope)) FROM role_permissions rp
    JOIN roles r ON r.id = rp.role_id WHERE r.name = '${name}'`), 'home.view=all');
});

test('the admin role is a rule: no rows, every route of every module', async () => {
  assert.equal(sqlInt(`SELECT COUNT(*) FROM role_permissions rp JOIN roles r ON r.id = rp.role_id WHERE r.name = 'admin'`), 0);
  const jar = await adminSession();
  for (const url of ['/parties/persons', '/parties/lists', '/admin/roles', '/admin/backups', '/admin/audit'])
    assert.equal((await get(url, { jar })).status, 200, url);
});

test('reference data needs configure: edit at any scope no longer changes managed lists', async () => {
  const editor = await userWith({ p_parties_view: 'all', p_parties_edit: 'own' });
  const page = await get('/parties/lists?kind=source', { jar: editor.jar });
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /id="entry-new"/); // no form to add an entry
  assert.match(page.text, /name="name_en"[^>]*disabled/);
  const before = sqlInt(`SELECT COUNT(*) FROM lookups`);
  const res = await post('/parties/list/save', { csrf_token: csrfOf(page.text), kind: 'source', name_fa: 'الف', name_en: 'A', name_tr: 'A', sort: '5' }, { jar: editor.jar });
  assert.equal(res.status, 403);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM lookups`), before);
  const configurer = await userWith({ p_parties_view: 'all', p_parties_configure: 'all' });
  const page2 = await get('/parties/lists?kind=source', { jar: configurer.jar });
  assert.match(page2.text, /id="entry-new"/);
  const label = uniqueName('src');
  const ok = await post('/parties/list/save', { csrf_token: csrfOf(page2.text), kind: 'source', code: label, name_fa: label, name_en: label, name_tr: label, sort: '5' }, { jar: configurer.jar });
  assert.equal(ok.status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM lookups WHERE name_en = '${label}'`), 1);
});

test('no escalation: a user editor grants nothing wider than their own, and cannot touch an admin', async () => {
  const cells = { p_admin_view: 'all', p_admin_create: 'all', p_admin_edit: 'all', p_parties_view: 'own' };
  const ed = await userWith(cells);
  // a role wider than the editor's own: refused on the matrix, nothing stored
  const form = await get('/admin/role/new', { jar: ed.jar });
  const wide = uniqueName('wide');
  const res = await postForm('/admin/role/create', { csrf_token: csrfOf(form.text), name: wide, p_parties_view: 'all' }, ed.jar);
  assert.equal(res.status, 422);
  assert.match(res.text, /cannot grant more than you hold|بیشتر از آنچه خودتان دارید|Kendinizde olandan fazla/);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM roles WHERE name = '${wide}'`), 0);
  // within their own: fine
  const narrow = uniqueName('narrow');
  assert.equal((await postForm('/admin/role/create', { csrf_token: csrfOf(form.text), name: narrow, p_parties_view: 'own' }, ed.jar)).status, 303);
  // giving a new user the admin role, or a role wider than theirs: refused, no user made
  const admin = await adminSession();
  const wideRole = await roleWith(admin, { p_parties_view: 'all' });
  const adminRole = sqlInt(`SELECT id FROM roles WHERE name = 'admin'`);
  const wideId = sqlInt(`SELECT id FROM roles WHERE name = '${wideRole}'`);
  const userForm = await get('/admin/user/new', { jar: ed.jar });
  for (const role of [adminRole, wideId]) {
    const username = uniqueName('esc');
    const made = await postForm('/admin/user/create', { csrf_token: csrfOf(userForm.text), username, display_name: 'Esc', email: '',
      lang: 'en', calendar: 'gregorian', digits: 'latin', week_start: '1', role }, ed.jar);
    assert.equal(made.status, 422, `role ${role}`);
    assert.equal(sqlInt(`SELECT COUNT(*) FROM users WHERE username = '${username}'`), 0);
  }
  // resetting an admin's password or deactivating an admin: 403, the hash unchanged
  const adminId = sqlInt(`SELECT id FROM users WHERE username = 'admin'`);
  const hash = sql(`SELECT password_hash FROM users WHERE id = ${adminId}`);
  const page = await get(`/admin/user?id=${adminId}`, { jar: ed.jar });
  assert.equal((await post('/admin/user/password', { csrf_token: csrfOf(page.text), id: adminId }, { jar: ed.jar })).status, 403);
  assert.equal((await post('/admin/user/active', { csrf_token: csrfOf(page.text), id: adminId, active: 0 }, { jar: ed.jar })).status, 403);
  assert.equal(sql(`SELECT password_hash FROM users WHERE id = ${adminId}`), hash);
  assert.equal(sqlInt(`SELECT is_active FROM users WHERE id = ${adminId}`), 1);
});

test('backups need the admin role, whatever the matrix grants', async () => {
  const u = await userWith({ p_admin_view: 'all', p_admin_export: 'all' });
  assert.equal((await get('/admin/audit', { jar: u.jar })).status, 200);
  for (const url of ['/admin/backups', '/admin/backup/download?name=x'])
    assert.equal((await get(url, { jar: u.jar })).status, 403, url);
  const page = await get('/admin/audit', { jar: u.jar });
  assert.doesNotMatch(page.text, /href="\/admin\/backups"/);
  assert.equal((await post('/admin/backup/create', { csrf_token: csrfOf(page.text) }, { jar: u.jar })).status, 403);
});

test('nothing out of scope leaks by name: relations, employments, group counts, duplicate warnings', async () => {
  const admin = await adminSession();
  const own = await userWith({ p_parties_view: 'own', p_parties_edit: 'own', p_parties_create: 'own' });
  const ownId = sqlInt(`SELECT id FROM users WHERE username = '${own.name}'`);
  const mine = await newPerson(admin, { last_name: 'Mine' });
  const secretName = uniqueName('Secret');
  const secretCode = uniqueName('S');
  assert.equal((await createParty(admin, { kind: 'company', code: secretCode, company_name: secretName })).status, 303);
  const secret = partyId(secretCode);
  const mobile = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const hidden = await newPerson(admin, { last_name: `Hidden${uniqueName('h')}`, mobile: mobile });
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${mine}, ${ownId})`);
  const page = await get(`/parties/party?id=${mine}`, { jar: admin });
  const csrf = csrfOf(page.text);
  assert.equal((await postForm('/parties/relation/add', { csrf_token: csrf, party_id: mine, relation: lookup('relation', 'supplier_of'),
    other_code: secretCode }, admin)).status, 303);
  assert.equal((await postForm('/parties/employment/add', { csrf_token: csrf, party_id: mine, company_code: secretCode,
    position: 'x' }, admin)).status, 303);
  // the admin sees both; the own-scope user sees their party without naming the other
  assert.ok((await get(`/parties/party?id=${mine}`, { jar: admin })).text.includes(secretName));
  const seen = await get(`/parties/party?id=${mine}`, { jar: own.jar });
  assert.equal(seen.status, 200);
  assert.ok(!seen.text.includes(secretName) && !seen.text.includes(`party?id=${secret}"`));
  // a deleted party is not shown as a live relation, even to the admin
  const del = await get(`/parties/party?id=${secret}`, { jar: admin });
  assert.equal((await postForm('/parties/party/delete', { csrf_token: csrfOf(del.text), id: secret }, admin)).status, 303);
  assert.ok(!(await get(`/parties/party?id=${mine}`, { jar: admin })).text.includes(secretName));
  // group member counts count only what the user may see
  const groupsPage = await get('/parties/groups', { jar: admin });
  const gname = uniqueName('g');
  assert.equal((await postForm('/parties/group/create', { csrf_token: csrfOf(groupsPage.text), name: gname }, admin)).status, 303);
  const gid = sqlInt(`SELECT id FROM party_groups WHERE name = '${gname}'`);
  sql(`INSERT INTO party_group_members (group_id, party_id) VALUES (${gid}, ${mine}), (${gid}, ${hidden})`);
  // the group's own row: from its members link to its total
  const count = (html) => Number(html.match(new RegExp(`group=${gid}"[\\s\\S]*?class="branch-total">(\\d+)<`))?.[1]);
  assert.equal(count((await get('/parties/groups', { jar: admin })).text), 2);
  assert.equal(count((await get('/parties/groups', { jar: own.jar })).text), 1);
  // the duplicate warning: a record the user cannot see is said to exist, not named
  const form = await get('/parties/person/new', { jar: own.jar });
  const dup = await postForm('/parties/party/create', { csrf_token: csrfOf(form.text), kind: 'person', last_name: 'Again',
    mobile: mobile }, own.jar);
  assert.match(dup.text, /id="duplicates"/);
  assert.match(dup.text, /cannot see has this mobile|نمی‌بینید همین شمارهٔ همراه|Göremediğiniz bir kayıt bu cep/);
  assert.ok(!dup.text.includes('Hidden') && !dup.text.includes(`party?id=${hidden}"`));
});

test('the recycle bin: delete says "Deleted — Undo", the bin shows who and when, only in scope; restore and purge', async () => {
  const admin = await adminSession();
  const own = await userWith({ p_parties_view: 'own', p_parties_delete: 'own', p_parties_purge: 'own' });
  const ownId = sqlInt(`SELECT id FROM users WHERE username = '${own.name}'`);
  const mine = await newPerson(admin, { last_name: `BinMine${uniqueName('b')}` });
  const other = await newPerson(admin, { last_name: `BinOther${uniqueName('b')}` });
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${mine}, ${ownId})`);
  const mineName = sql(`SELECT display_name FROM parties WHERE id = ${mine}`);
  const otherName = sql(`SELECT display_name FROM parties WHERE id = ${other}`);
  // the record page asks before it deletes
  const page = await get(`/parties/party?id=${mine}`, { jar: own.jar });
  assert.match(page.text, /<details class="confirm" id="delete-confirm">[\s\S]*id="delete"/);
  const del = await postForm('/parties/party/delete', { csrf_token: csrfOf(page.text), id: mine }, own.jar);
  assert.equal(del.status, 303);
  assert.equal(del.headers.location, `/parties/persons?deleted=${mine}`);
  const listed = await get(del.headers.location, { jar: own.jar });
  assert.match(listed.text, /id="deleted-notice"[\s\S]*id="undo-delete"/);
  // out of scope: neither deleted nor purged by this user
  assert.equal((await postForm('/parties/party/delete', { csrf_token: csrfOf(page.text), id: other }, own.jar)).status, 404);
  const adminPage = await get(`/parties/party?id=${other}`, { jar: admin });
  assert.equal((await postForm('/parties/party/delete', { csrf_token: csrfOf(adminPage.text), id: other }, admin)).status, 303);
  const bin = await get('/parties/bin', { jar: own.jar });
  assert.equal(bin.status, 200);
  assert.ok(bin.text.includes(mineName) && !bin.text.includes(otherName), 'the bin shows only what the user may see');
  const who = sql(`SELECT display_name FROM users WHERE id = ${ownId}`);
  assert.match(bin.text, new RegExp(`id="bin-${mine}">[\\s\\S]*?<td>${who}</td>`), 'who deleted it');
  const adminBin = await get('/parties/bin', { jar: admin });
  assert.ok(adminBin.text.includes(mineName) && adminBin.text.includes(otherName));
  // Undo: back on the record, live again, both audited
  const undo = await postForm('/parties/bin/restore', { csrf_token: csrfOf(listed.text), id: mine, to: 'record' }, own.jar);
  assert.equal(undo.status, 303);
  assert.equal(undo.headers.location, `/parties/party?id=${mine}&done=restored`);
  assert.equal(sqlInt(`SELECT is_deleted FROM parties WHERE id = ${mine}`), 0);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${mine} AND action IN ('delete', 'restore')`), 2);
  // purge: only from the bin, only in scope; the trail keeps the name
  assert.equal((await postForm('/parties/bin/purge', { csrf_token: csrfOf(bin.text), id: mine }, own.jar)).status, 409, 'live: delete first');
  assert.equal((await postForm('/parties/bin/purge', { csrf_token: csrfOf(bin.text), id: other }, own.jar)).status, 404);
  const purged = await postForm('/parties/bin/purge', { csrf_token: csrfOf(adminBin.text), id: other }, admin);
  assert.equal(purged.status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE id = ${other}`), 0);
  assert.equal(JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${other} AND action = 'purge'`)).name, otherName);
});
