// The records engine, through the screens built on it (users today): keyset paging both ways,
// the text box, state and count, orders either way, field messages, and the audit of a save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, postForm, csrfOf, sql, sqlInt, adminPassword, login, uniqueName } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const namesOn = (html) => [...html.matchAll(/<td class="col-username[^"]*"[^>]* dir="ltr"><a href="\/admin\/user\?id=\d+">([^<]+)</g)].map((m) => m[1]);
const decode = (u) => u.replace(/&amp;/g, '&');

test('a list pages by keyset both ways, in either order, and its count is exact', async () => {
  const jar = await adminSession();
  const tag = uniqueName('pg');
  // 57 users sharing a prefix the text box finds; made in SQL, as a bulk arrives
  const values = Array.from({ length: 57 }, (_, i) => `('${tag}${String(i).padStart(3, '0')}', 'Pager ${i}', '', 'x')`).join(',');
  sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES ${values}`);
  const want = Array.from({ length: 57 }, (_, i) => `${tag}${String(i).padStart(3, '0')}`);
  const first = await get(`/admin/users?q=${tag}&limit=25`, { jar });
  assert.equal(first.status, 200);
  assert.deepEqual(namesOn(first.text), want.slice(0, 25));
  assert.match(first.text, /id="list-count">[^<]*<span class="count">57</);
  assert.doesNotMatch(first.text, /id="prev-page"/);
  const next = decode(first.text.match(/href="([^"]+)" id="next-page"/)[1]);
  const second = await get(next, { jar });
  assert.deepEqual(namesOn(second.text), want.slice(25, 50));
  const third = await get(decode(second.text.match(/href="([^"]+)" id="next-page"/)[1]), { jar });
  assert.deepEqual(namesOn(third.text), want.slice(50));
  assert.doesNotMatch(third.text, /id="next-page"/);
  // back from the last page: the 25 before it, in the list's own order
  const back = await get(decode(third.text.match(/href="([^"]+)" id="prev-page"/)[1]), { jar });
  assert.deepEqual(namesOn(back.text), want.slice(25, 50));
  const backAgain = await get(decode(back.text.match(/href="([^"]+)" id="prev-page"/)[1]), { jar });
  assert.deepEqual(namesOn(backAgain.text), want.slice(0, 25));
  assert.doesNotMatch(backAgain.text, /id="prev-page"/);
  // the other way round, from the header
  const desc = await get(`/admin/users?q=${tag}&limit=25&sort=username&dir=desc`, { jar });
  assert.deepEqual(namesOn(desc.text), [...want].reverse().slice(0, 25));
  assert.match(desc.text, /aria-sort="descending"/);
  // a malformed position or order is refused, not guessed
  assert.equal((await get('/admin/users?sort=password_hash', { jar })).status, 400);
  assert.equal((await get('/admin/users?kid=abc&k=x', { jar })).status, 400);
  assert.equal((await get('/admin/users?limit=100000', { jar })).status, 400);
});

test('the text box, the state and the export follow the same filters', async () => {
  const jar = await adminSession();
  const tag = uniqueName('st');
  sql(`INSERT INTO users (username, display_name, email, password_hash, is_active) VALUES
    ('${tag}a', 'Active One', 'one@${tag}.example', 'x', 1), ('${tag}b', 'Gone Two', '', 'x', 0)`);
  assert.deepEqual(namesOn((await get(`/admin/users?q=${tag}`, { jar })).text), [`${tag}a`]);
  assert.deepEqual(namesOn((await get(`/admin/users?q=${tag}&state=inactive`, { jar })).text), [`${tag}b`]);
  assert.deepEqual(namesOn((await get(`/admin/users?q=${tag}&state=all`, { jar })).text), [`${tag}a`, `${tag}b`]);
  // by e-mail's start too; LIKE's own characters are taken literally
  assert.deepEqual(namesOn((await get(`/admin/users?q=one@${tag}`, { jar })).text), [`${tag}a`]);
  assert.deepEqual(namesOn((await get(`/admin/users?q=${tag.slice(0, 3)}%25`, { jar })).text), []);
  const csv = await get(`/admin/users/export?format=csv&q=${tag}&state=all`, { jar });
  assert.equal(csv.status, 200);
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines.length, 3);
  assert.match(lines[2], new RegExp(`^${tag}b,`));
});

test('field messages say what is wrong, on the field, in the user\'s language, and save nothing', async () => {
  const jar = await adminSession();
  const id = sqlInt("SELECT id FROM users WHERE username = 'admin'");
  const page = await get(`/admin/user?id=${id}`, { jar });
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const before = sql(`SELECT CONCAT(display_name, '|', version) FROM users WHERE id = ${id}`);
  const res = await postForm('/admin/user/update', { csrf_token: csrfOf(page.text), id, version, display_name: 'x'.repeat(129),
    email: 'not-an-address', lang: 'xx', calendar: 'jalali', digits: 'latin', week_start: 6,
    role: sqlInt("SELECT id FROM roles WHERE name = 'admin'") }, jar);
  assert.equal(res.status, 422);
  assert.match(res.text, /id="display_name-error">[^<]*128/);
  assert.match(res.text, /id="email-error">/);
  assert.match(res.text, /id="lang-error">/);
  assert.match(res.text, /value="not-an-address"/, 'what was typed is shown again');
  assert.equal(sql(`SELECT CONCAT(display_name, '|', version) FROM users WHERE id = ${id}`), before);
});

test('a save audits every changed field by its readable value, links by their names', async () => {
  const jar = await adminSession();
  const name = uniqueName('au');
  sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES ('${name}', 'Before', '', 'x')`);
  const id = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  const team = uniqueName('t');
  sql(`INSERT INTO teams (name) VALUES ('${team}')`);
  const page = await get(`/admin/user?id=${id}`, { jar });
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const res = await postForm('/admin/user/update', { csrf_token: csrfOf(page.text), id, version, display_name: 'After',
    email: '', lang: 'en', calendar: 'gregorian', digits: 'latin', week_start: 1, role: sqlInt("SELECT id FROM roles WHERE name = 'staff'"),
    team: sqlInt(`SELECT id FROM teams WHERE name = '${team}'`) }, jar);
  assert.equal(res.status, 303);
  const details = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'users' AND record_id = ${id} AND action = 'update'`));
  assert.deepEqual(details.display_name, { old: 'Before', new: 'After' });
  assert.deepEqual(details.teams, { old: '', new: team });
  assert.deepEqual(details.roles, { old: '', new: 'staff' });
  assert.equal(details.username, undefined, 'unchanged fields are not listed');
  assert.equal(sqlInt(`SELECT version FROM users WHERE id = ${id}`), Number(version) + 1);
});

test('a second entity on the engine: teams list their member counts, a team page renames with History', async () => {
  const jar = await adminSession();
  const name = uniqueName('tm');
  const list = await get('/admin/teams', { jar });
  assert.equal((await postForm('/admin/team/create', { csrf_token: csrfOf(list.text), name }, jar)).status, 303);
  const id = sqlInt(`SELECT id FROM teams WHERE name = '${name}'`);
  sql(`INSERT INTO user_teams (user_id, team_id) SELECT id, ${id} FROM users WHERE username = 'admin'`);
  const shown = await get(`/admin/teams?q=${name}`, { jar });
  assert.match(shown.text, new RegExp(`href="/admin/team\\?id=${id}">${name}</a></td><td class="col-members"[^>]*>1</td>`));
  const page = await get(`/admin/team?id=${id}`, { jar });
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`id="name" name="name" value="${name}"`));
  assert.match(page.text, /id="history"/);
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const renamed = await postForm('/admin/team/update', { csrf_token: csrfOf(page.text), id, version, name: `${name}x` }, jar);
  assert.equal(renamed.status, 303);
  assert.equal(renamed.headers.location, `/admin/team?id=${id}&saved=1`);
  assert.match((await get(renamed.headers.location, { jar })).text, /id="form-notice"/);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'teams' AND record_id = ${id}`), 2);
  assert.equal((await get('/admin/team?id=999999999', { jar })).status, 404);
});

test('History reads as the page does: labels, choices named, dates in the user\'s calendar, paged by keyset', async () => {
  const jar = await adminSession();
  const name = uniqueName('hi');
  sql(`INSERT INTO users (username, display_name, email, password_hash, calendar) VALUES ('${name}', 'Old Name', '', 'x', 'jalali')`);
  const id = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  const page = await get(`/admin/user?id=${id}`, { jar });
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  assert.equal((await postForm('/admin/user/update', { csrf_token: csrfOf(page.text), id, version, display_name: 'New Name', email: '',
    lang: 'en', calendar: 'gregorian', digits: 'latin', week_start: 6, role: sqlInt("SELECT id FROM roles WHERE name = 'staff'") }, jar)).status, 303);
  // the admin reads Persian by default: labels and choices in Persian, not keys or codes
  const shown = await get(`/admin/user?id=${id}`, { jar });
  const history = shown.text.slice(shown.text.indexOf('id="history"'));
  assert.match(history, /<span class="field">[^<]+<\/span>: <del>Old Name<\/del> → <ins>New Name<\/ins>/);
  assert.doesNotMatch(history, /display_name|"old"|gregorian/, 'no keys, no JSON, no codes');
  // a date in a trail row shows in the reader's calendar (the admin's is Jalali): 2025-03-20 is 1403/12/30
  sql(`INSERT INTO audit_log (at, user_id, ip, module, table_name, record_id, action, details) VALUES
    (UTC_TIMESTAMP(6), NULL, '', 'admin', 'users', ${id}, 'update', '{"birth_date":{"old":null,"new":"2025-03-20"}}')`);
  const dated = await get(`/admin/user?id=${id}`, { jar });
  assert.match(dated.text, /<ins>(1403\/12\/30|۱۴۰۳\/۱۲\/۳۰)<\/ins>/);
  // 25 rows more: a page holds 20, the rest are one "older" away
  const rows = Array.from({ length: 25 }, (_, i) => `(UTC_TIMESTAMP(6), NULL, '', 'admin', 'users', ${id}, 'update', '{"email":{"old":"a${i}@x.example","new":"b${i}@x.example"}}')`).join(',');
  sql(`INSERT INTO audit_log (at, user_id, ip, module, table_name, record_id, action, details) VALUES ${rows}`);
  const first = await get(`/admin/user?id=${id}`, { jar });
  assert.ok(first.text.includes('b24@x.example') && !first.text.includes('b3@x.example'));
  const older = first.text.match(/href="([^"]+)" id="history-older"/)[1].replace(/&amp;/g, '&');
  const second = await get(older, { jar });
  assert.equal(second.status, 200);
  assert.ok(second.text.includes('b3@x.example') && !second.text.includes('b24@x.example'));
  assert.match(second.text, /id="history-newest"/);
});
