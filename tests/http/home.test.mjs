// The start page: counts, recent and starred records within the user's record scope, the registry's
// panels (recent imports) and the header's global search and "+ New", from the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, postMultipart, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, roleWith,
  newPerson, createParty, partyId } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;

// A user holding exactly these cells, reading English with Latin digits.
async function userWith(cells) {
  const role = await roleWith(await adminSession(), cells);
  const name = uniqueName('h');
  createUser(name, 'home-test-pw-1', role);
  sql(`UPDATE users SET lang = 'en', digits = 'latin' WHERE username = '${name}'`);
  const id = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  return { name, id, jar: (await login(name, 'home-test-pw-1')).jar };
}

// Count "<name>" of the start page: [kind word, number], e.g. ['', 1] or ['About', 1200].
function count(html, name) {
  const m = html.match(new RegExp(`<li id="count-${name}">[\\s\\S]*?<span class="count-value">([^<]*)</span>`));
  assert.ok(m, `count ${name} shown`);
  const t = m[1].trim();
  return [t.replace(/[\d,]+$/, '').trim(), Number(t.match(/[\d,]+$/)[0].replace(/,/g, ''))];
}
// The record ids a list of the start page links, in order.
function ids(html, list) {
  const m = html.match(new RegExp(`<ul class="home-list" id="${list}">([\\s\\S]*?)</ul>`));
  return m ? [...m[1].matchAll(/party\?id=(\d+)"/g)].map((x) => Number(x[1])) : [];
}

test('start page: an "own" user counts, lists and stars only their parties', async () => {
  const admin = await adminSession();
  const u = await userWith({ p_home_view: 'all', p_parties_view: 'own', p_parties_activate: 'own', p_parties_star: 'own' });
  const mine = await newPerson(admin, { last_name: uniqueName('Mine') });
  const other = await newPerson(admin, { last_name: uniqueName('Other') });
  const code = uniqueName('C');
  assert.equal((await createParty(admin, { kind: 'company', code, company_name: uniqueName('Co') })).status, 303);
  const company = partyId(code);
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${mine}, ${u.id}), (${company}, ${u.id})`);

  let home = await get('/home/', { jar: u.jar });
  assert.equal(home.status, 200);
  assert.deepEqual(count(home.text, 'persons'), ['', 1]);
  assert.deepEqual(count(home.text, 'companies'), ['', 1]);
  assert.deepEqual(count(home.text, 'starred'), ['', 0]);
  assert.deepEqual(count(home.text, 'changed'), ['', 0]);
  assert.match(home.text, /id="recent-none"/);
  assert.match(home.text, /id="starred-none"/);

  // a star and a change of their own party, by the screens; a star and an audit row on a party
  // out of their scope (held from before, say) must not show or count
  const page = await get(`/parties/party?id=${mine}`, { jar: u.jar });
  assert.equal((await postForm('/parties/party/star', { csrf_token: csrfOf(page.text), id: mine, star: 1 }, u.jar)).status, 303);
  assert.equal((await postForm('/parties/party/active', { csrf_token: csrfOf(page.text), id: mine, active: 0 }, u.jar)).status, 303);
  sql(`INSERT INTO party_stars (user_id, party_id) VALUES (${u.id}, ${other})`);
  sql(`INSERT INTO audit_log (at, user_id, module, table_name, record_id, action) VALUES
       (UTC_TIMESTAMP(6), ${u.id}, 'parties', 'parties', ${other}, 'update')`);

  home = await get('/home/', { jar: u.jar });
  assert.deepEqual(count(home.text, 'starred'), ['', 1]);
  assert.deepEqual(count(home.text, 'changed'), ['', 1], 'the star is no change; the other party is out of scope');
  assert.deepEqual(ids(home.text, 'starred-list'), [mine]);
  assert.deepEqual(ids(home.text, 'recent-list'), [mine]);
  assert.ok(!home.text.includes(`party?id=${other}"`) && !home.text.includes(`party?id=${company}"`));

  // in scope again, the other party leads the recent list (its change is the newest) and counts
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${other}, ${u.id})`);
  home = await get('/home/', { jar: u.jar });
  assert.deepEqual(ids(home.text, 'recent-list'), [other, mine]);
  assert.deepEqual(count(home.text, 'changed'), ['', 2]);
  assert.deepEqual(count(home.text, 'persons'), ['', 2]);
  // a change older than 7 days is recent still, no longer "changed lately"; a deleted party neither
  sql(`UPDATE audit_log SET at = UTC_TIMESTAMP(6) - INTERVAL 8 DAY WHERE user_id = ${u.id} AND record_id = ${other}`);
  home = await get('/home/', { jar: u.jar });
  assert.deepEqual(count(home.text, 'changed'), ['', 1]);
  assert.deepEqual(ids(home.text, 'recent-list'), [mine, other]);
  sql(`UPDATE parties SET is_deleted = 1 WHERE id = ${mine}`);
  home = await get('/home/', { jar: u.jar });
  assert.deepEqual(ids(home.text, 'recent-list'), [other]);
  assert.deepEqual(ids(home.text, 'starred-list'), [other], 'in scope now, starred from before');
  assert.deepEqual(count(home.text, 'persons'), ['', 1]);
  sql(`UPDATE parties SET is_deleted = 0 WHERE id = ${mine}`);
});

test('start page: the admin counts every party; a user without parties sees no counts, search or "+ New"', async () => {
  const admin = await adminSession();
  const home = await get('/home/', { jar: admin });
  const [, persons] = count(home.text, 'persons');
  assert.ok(persons >= 500, `${persons} persons (the demo data has 500)`);
  assert.match(home.text, /href="\/parties\/persons\?state=all"/);

  const plain = await userWith({ p_home_view: 'all' });
  const page = await get('/home/', { jar: plain.jar });
  assert.equal(page.status, 200);
  assert.match(page.text, /id="welcome"/);
  assert.ok(!page.text.includes('id="home-counts"') && !page.text.includes('id="home-recent"'));
  assert.ok(!page.text.includes('id="gs-q"') && !page.text.includes('id="quick-new"'));
  assert.ok(!page.text.includes('data-panel='));
});

test('header: the global search asks the phone book; "+ New" lists the registry\'s items for who may create', async () => {
  const viewer = await userWith({ p_home_view: 'all', p_parties_view: 'all' });
  let page = await get('/home/', { jar: viewer.jar });
  const box = page.text.match(/<input [^>]*id="gs-q"[^>]*>/)[0];
  assert.match(box, /role="combobox"/);
  assert.match(box, /aria-controls="gs-list"/);
  assert.match(box, /data-sources="\/parties\/search "/);
  assert.match(page.text, /<label class="visually-hidden" for="gs-q">Search persons and companies<\/label>/);
  assert.match(page.text, /<form class="global-search" role="search" method="get" action="\/parties\/search"/);
  assert.ok(!page.text.includes('id="quick-new"'), 'no create, no "+ New"');

  const maker = await userWith({ p_home_view: 'all', p_parties_view: 'own', p_parties_create: 'own' });
  for (const url of ['/home/', '/parties/persons', '/auth/preferences']) {
    page = await get(url, { jar: maker.jar });
    assert.equal(page.status, 200, url);
    assert.match(page.text, /<a href="\/parties\/person\/new" id="quick-person">Person<\/a>/, url);
    assert.match(page.text, /<a href="\/parties\/company\/new" id="quick-company">Company<\/a>/, url);
    assert.match(page.text, /id="gs-q"/, url);
  }
  // what the box shows: the phone book's own fragment, within the asker's scope
  const name = uniqueName('Findme');
  const admin = await adminSession();
  const id = await newPerson(admin, { last_name: name });
  const found = (jar) => get(`/parties/search?partial=1&q=${encodeURIComponent(name)}`, { jar }).then((r) => r.text);
  assert.match(await found(viewer.jar), new RegExp(`party\\?id=${id}"`));
  assert.ok(!(await found(maker.jar)).includes(`party?id=${id}"`), 'out of the own scope');
});

test('panels: the start page names the registry\'s panels; recent imports are the user\'s own, empty without create', async () => {
  const admin = await adminSession();
  const home = await get('/home/', { jar: admin });
  assert.match(home.text, /<section class="card home-panel" aria-labelledby="panel-imports-title" id="panel-imports" data-panel="\/parties\/import\/panel" hidden>/);

  const importer = await userWith({ p_home_view: 'all', p_parties_view: 'own', p_parties_create: 'own' });
  assert.equal((await get('/parties/import/panel', { jar: importer.jar })).text.trim(), '', 'no imports yet: nothing');
  const file = `${uniqueName('panel')}.csv`;
  const up = await get('/parties/import', { jar: importer.jar });
  const res = await postMultipart('/parties/import/upload', { csrf_token: csrfOf(up.text), kind: 'person', encoding: 'auto' },
    [{ field: 'file', name: file, data: 'last_name,mobile\nPanel,09120000001\n', type: 'text/csv' }], importer.jar);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const panel = await get('/parties/import/panel', { jar: importer.jar });
  assert.equal(panel.status, 200);
  assert.match(panel.text, /id="recent-imports"/);
  assert.ok(panel.text.includes(file));
  assert.ok(!panel.text.includes('<html'), 'a fragment, not a page');
  assert.ok(!(await get('/parties/import/panel', { jar: admin })).text.includes(file), 'another user\'s import');
  // a viewer who may not import gets an empty answer (the page then drops the frame), not a 403
  const viewer = await userWith({ p_home_view: 'all', p_parties_view: 'all' });
  const none = await get('/parties/import/panel', { jar: viewer.jar });
  assert.equal(none.status, 200);
  assert.equal(none.text.trim(), '');
});
