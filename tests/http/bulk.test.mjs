// Bulk actions on lists (records/rec_bulk.c): chosen rows go through the same one-record function,
// scope check and audit row as the record page's buttons; "all N matching" is a job the worker runs
// as the asker; a delete asks first and offers Undo; bad input changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, roleWith,
  newPerson, jobEnded } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const active = (id) => sqlInt(`SELECT is_active FROM parties WHERE id = ${id}`);
const audits = (id, action) =>
  sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = '${action}'`);

// Three persons nobody else has as expert: the list filtered by that expert holds exactly them.
async function threePersons(jar) {
  const name = uniqueName('bx');
  createUser(name, 'bulk-test-pw-1', 'staff');
  const expert = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await newPerson(jar, { last_name: uniqueName('Bulk') }));
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES ${ids.map((id) => `(${id}, ${expert})`).join(', ')}`);
  return { ids, expert, query: `state=all&expert=${expert}` };
}

const jobEnd = (jar, location) => jobEnded(jar, Number(new URL(location, 'http://x').searchParams.get('id')));

test('chosen rows: each changed with its audit row, the rest untouched; again: skipped as already so', async () => {
  const jar = await adminSession();
  const { ids: [a, b, c], query } = await threePersons(jar);
  const list = await get(`/parties/persons?${query}`, { jar });
  assert.equal(list.status, 200);
  for (const id of [a, b, c]) assert.match(list.text, new RegExp(`name="id" value="${id}" form="bulk-form"`));
  assert.match(list.text, /id="bulk-form"/);
  assert.match(list.text, /<option value="deactivate">/);
  assert.doesNotMatch(list.text, /<option value="restore">/, 'restore is only the Undo of a delete');

  const res = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'deactivate',
    id: [a, b], query }, jar);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/parties/persons?${query}&bulk=deactivate&changed=2&skipped=0`);
  assert.deepEqual([active(a), active(b), active(c)], [0, 0, 1]);
  assert.deepEqual([audits(a, 'deactivate'), audits(b, 'deactivate'), audits(c, 'deactivate')], [1, 1, 0]);
  const after = await get(res.headers.location, { jar });
  assert.match(after.text, /id="bulk-notice"/);
  assert.match(after.text, /id="bulk-changed">2</);

  const again = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'deactivate',
    id: [a, b], query }, jar);
  assert.equal(again.headers.location, `/parties/persons?${query}&bulk=deactivate&changed=0&skipped=2`);
  assert.equal(audits(a, 'deactivate'), 1, 'nothing recorded for what did not change');
});

test('a user changes only the rows in their scope for the action; without the action, 403', async () => {
  const admin = await adminSession();
  const { ids: [a, b], query } = await threePersons(admin);
  const role = await roleWith(admin, { p_parties_view: 'all', p_parties_activate: 'own' });
  const name = uniqueName('bs');
  createUser(name, 'bulk-test-pw-2', role);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${a}, ${uid})`); // a is theirs, b is not
  const jar = (await login(name, 'bulk-test-pw-2')).jar;
  const list = await get(`/parties/persons?${query}`, { jar });
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /<option value="star">/, 'only the actions the user holds are offered');
  const res = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'deactivate',
    id: [a, b], query }, jar);
  assert.equal(res.headers.location, `/parties/persons?${query}&bulk=deactivate&changed=1&skipped=1`);
  assert.deepEqual([active(a), active(b)], [0, 1]);
  const star = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'star',
    id: [a], query }, jar);
  assert.equal(star.status, 403);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_stars WHERE user_id = ${uid}`), 0);
});

test('bad input: a clear answer and nothing changed', async () => {
  const jar = await adminSession();
  const { ids: [a], query } = await threePersons(jar);
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const send = (o) => postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', query, ...o }, jar);
  assert.equal((await send({ do: 'explode', id: [a] })).status, 400);
  assert.equal((await send({ do: 'deactivate', id: ['1x'] })).status, 400);
  assert.equal((await send({ do: 'deactivate', id: [a], query: 'a=1\r\nSet-Cookie: x=1' })).status, 400);
  assert.equal((await send({ do: 'deactivate', id: Array.from({ length: 201 }, (_, i) => i + 1) })).status, 413);
  assert.equal((await postForm('/parties/bulk', { list: 'persons', do: 'deactivate', id: [a], query }, jar)).status, 403,
    'no CSRF token');
  assert.equal(active(a), 1);
  const none = await send({ do: 'deactivate' });
  assert.equal(none.status, 303);
  assert.match((await get(none.headers.location, { jar })).text, /id="bulk-nothing"/);
});

test('delete asks first, moves the chosen rows to the bin, and Undo brings them back', async () => {
  const jar = await adminSession();
  const { ids: [a, b, c], query } = await threePersons(jar);
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const ask = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'delete', id: [a, b], query }, jar);
  assert.equal(ask.status, 200);
  assert.match(ask.text, /id="bulk-confirm-count">2</);
  assert.equal(sqlInt(`SELECT SUM(is_deleted) FROM parties WHERE id IN (${a}, ${b})`), 0, 'asking changes nothing');
  const done = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'delete', id: [a, b], query,
    confirm: 1 }, jar);
  assert.equal(done.status, 303);
  assert.match(done.headers.location, new RegExp(`bulk=delete&changed=2&skipped=0&undo=${a},${b}$`));
  assert.deepEqual(sql(`SELECT GROUP_CONCAT(is_deleted ORDER BY id) FROM parties WHERE id IN (${a}, ${b}, ${c})`), '1,1,0');
  const page = await get(done.headers.location, { jar });
  assert.match(page.text, /id="bulk-undo"/);
  assert.doesNotMatch(page.text, new RegExp(`value="${a}" form="bulk-form"`), 'a deleted row leaves the list');
  const undo = await postForm('/parties/bulk', { csrf_token: csrfOf(page.text), list: 'persons', do: 'restore',
    id: [a, b], query }, jar);
  assert.equal(undo.status, 303);
  assert.equal(sqlInt(`SELECT SUM(is_deleted) FROM parties WHERE id IN (${a}, ${b})`), 0);
  assert.equal(audits(a, 'restore'), 1);
});

test('"all N matching" runs as a job over the list\'s filters, as the asker, and links back with the notice', async () => {
  const jar = await adminSession();
  const { ids, query } = await threePersons(jar);
  const admin = sqlInt("SELECT id FROM users WHERE username = 'admin'");
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const res = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'star', all: 1, query }, jar);
  assert.equal(res.status, 303);
  assert.match(res.headers.location, /^\/home\/job\?id=\d+$/);
  const page = await jobEnd(jar, res.headers.location);
  assert.match(page.text, /data-state="done"/);
  const link = page.text.match(/id="job-result" href="([^"]+)"/);
  assert.ok(link, 'the job links to the list');
  assert.match(link[1].replace(/&amp;/g, '&'), new RegExp(`expert=\\d+&bulk=star&changed=3&skipped=0$`));
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_stars WHERE user_id = ${admin} AND party_id IN (${ids.join(',')})`), 3);
  for (const id of ids) assert.equal(audits(id, 'star'), 1);
});

test('users: bulk deactivate ends their sessions and skips the user themself', async () => {
  const jar = await adminSession();
  const names = [uniqueName('bu'), uniqueName('bu')];
  for (const n of names) createUser(n, 'bulk-test-pw-3', 'staff');
  const [u1, u2] = names.map((n) => sqlInt(`SELECT id FROM users WHERE username = '${n}'`));
  await login(names[0], 'bulk-test-pw-3');
  assert.ok(sqlInt(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u1}`) > 0);
  const me = sqlInt("SELECT id FROM users WHERE username = 'admin'");
  const list = await get('/admin/users', { jar });
  assert.match(list.text, /id="bulk-form"/);
  const res = await postForm('/admin/users/bulk', { csrf_token: csrfOf(list.text), list: 'users', do: 'deactivate',
    id: [u1, u2, me], query: 'sort=name' }, jar);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/admin/users?sort=name&bulk=deactivate&changed=2&skipped=1');
  assert.equal(sqlInt(`SELECT SUM(is_active) FROM users WHERE id IN (${u1}, ${u2})`), 0);
  assert.equal(sqlInt(`SELECT is_active FROM users WHERE id = ${me}`), 1);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u1}`), 0);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'users' AND record_id = ${u1} AND action = 'deactivate'`), 1);
});
