// At a million persons (CRM_SCALE_ROWS), every list and phone-book query must run from an index:
// the test stack runs with CRM_EXPLAIN=1, so libcrm EXPLAINs each SELECT and logs a full scan,
// a large sort, or a query that read over 50,000 rows (a plan that walks an index from its
// start); this test makes every query shape run, as the admin and as a team-scoped user, also
// on pages deep in each order, and fails on any such line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { VAR, get, postForm, csrfOf, sql, sqlInt, adminPassword, login, createUser, roleWith, createParty, lookup } from '../http/helpers.mjs';

const logFile = path.join(VAR, 'log', 'parties.log');

test('lists, filters, deep pages and searches use indexes at scale', async () => {
  const persons = sqlInt("SELECT COUNT(*) FROM parties WHERE kind = 'person'");
  assert.ok(persons >= Number(process.env.CRM_SCALE_ROWS || 1000000), `only ${persons} persons`);
  const start = fs.statSync(logFile).size;
  const { jar } = await login('admin', adminPassword());
  const role = sql("SELECT id FROM lookups WHERE kind = 'party_role' AND code = 'supplier'");
  const mobile = sql("SELECT value FROM party_channels WHERE type = 'mobile' ORDER BY id DESC LIMIT 1");
  // the generated names hold no ZWNJ compound: one person saved through the form has one in its notes
  assert.equal((await createParty(jar, { code: `zwnj${Date.now().toString(36)}`, first_name: 'زهرا', last_name: 'کریمی',
    notes: 'مهندسی‌نرم‌افزار' })).status, 303);
  const fa = (s) => s.replace(/[0-9]/g, (c) => String.fromCharCode(0x06F0 + Number(c)));
  const urls = ['/parties/persons', '/parties/companies', '/parties/persons?state=all', '/parties/persons?state=inactive',
    `/parties/persons?role=${role}`, '/parties/persons?starred=1',
    `/parties/search?q=${encodeURIComponent('كريمي')}`, `/parties/search?q=${encodeURIComponent('زهرا کریمی')}`,
    `/parties/search?q=${encodeURIComponent(fa(mobile))}`, `/parties/search?q=${mobile.slice(-7)}`,
    '/parties/search?q=northwind', '/parties/search?q=yilmaz', '/parties/persons?priority=1',
    // a number by its leading digits (trunk 0, +98, without either, a short start) and by a tail from a 0
    `/parties/search?q=${mobile.slice(0, 7)}`, `/parties/search?q=${encodeURIComponent(`+98 ${mobile.slice(1, 7)}`)}`,
    `/parties/search?q=${mobile.slice(1, 8)}`, `/parties/search?q=${mobile.slice(0, 4)}`, '/parties/search?q=0198',
    `/parties/search?q=${encodeURIComponent('مهندسی نرم افزار')}`,
    `/parties/persons?expert=${sql("SELECT id FROM users WHERE username = 'admin'")}`,
    `/parties/persons?source=${sql("SELECT id FROM lookups WHERE kind = 'source' AND code = 'exhibition'")}`,
    `/parties/persons?rank=${sql("SELECT id FROM rank_types WHERE name = 'A'")}`,
    '/parties/persons?sort=name', '/parties/persons?sort=code', '/parties/companies?sort=name',
    '/parties/persons?sort=name&dir=desc', '/parties/persons?sort=code&dir=desc', '/parties/persons?sort=priority&dir=desc',
    '/parties/persons?sort=created', '/parties/persons?sort=created&dir=desc', '/parties/persons?state=all&sort=name',
    '/parties/persons?state=all&sort=code&dir=desc', '/parties/persons?state=all&sort=created&dir=desc',
    '/parties/persons?state=all&sort=priority&dir=desc', '/parties/persons?sort=updated&dir=desc',
    '/parties/persons?state=all&sort=updated'];
  // deep pages in the other orders too
  for (const sort of ['name', 'code', 'name&dir=desc', 'created&dir=desc', 'priority&dir=desc', 'name&state=all', 'updated&dir=desc']) {
    const first = await get(`/parties/persons?sort=${sort}`, { jar });
    urls.push(`/parties/persons${first.text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&')}`);
  }
  // a deep page: follow "next" ten times
  let next = '/parties/persons';
  for (let i = 0; i < 10; i++) {
    const page = await get(next, { jar });
    assert.equal(page.status, 200);
    next = `/parties/persons${page.text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&')}`;
  }
  urls.push(next);
  // pages deep in each order (80% of the way), where a walking plan costs most
  const at = Math.floor(persons * 0.8);
  const [prio, name, id] = sql(`SELECT CONCAT_WS('|', priority, name_norm, id) FROM parties WHERE kind = 'person' AND is_deleted = 0
    AND is_active = 1 ORDER BY priority DESC, name_norm, id LIMIT 1 OFFSET ${at}`).split('|');
  urls.push(`/parties/persons?sort=priority&after_prio=${prio}&after_name=${encodeURIComponent(name)}&after_id=${id}`);
  const [name2, id2] = sql(`SELECT CONCAT_WS('|', name_norm, id) FROM parties WHERE kind = 'person' AND is_deleted = 0
    AND is_active = 1 ORDER BY name_norm, id LIMIT 1 OFFSET ${at}`).split('|');
  urls.push(`/parties/persons?sort=name&after_name=${encodeURIComponent(name2)}&after_id=${id2}`);
  const [code3, id3] = sql(`SELECT CONCAT_WS('|', code, id) FROM parties WHERE kind = 'person' AND is_deleted = 0
    AND is_active = 1 ORDER BY code, id LIMIT 1 OFFSET ${at}`).split('|');
  urls.push(`/parties/persons?sort=code&after_name=${encodeURIComponent(code3)}&after_id=${id3}`);
  // and the page before each (read back from the same index, the order turned round)
  urls.push(`/parties/persons?sort=priority&back=1&after_prio=${prio}&after_name=${encodeURIComponent(name)}&after_id=${id}`,
    `/parties/persons?sort=name&dir=desc&back=1&after_name=${encodeURIComponent(name2)}&after_id=${id2}`,
    `/parties/persons?sort=code&back=1&after_name=${encodeURIComponent(code3)}&after_id=${id3}`);
  // filters that hold few rows: a rare role, a small group, an expert with a handful (read first, not walked)
  const rare = sql("SELECT id FROM lookups WHERE kind = 'party_role' AND code = 'competitor'");
  const few = sql("SELECT GROUP_CONCAT(id) FROM (SELECT id FROM parties WHERE kind = 'person' ORDER BY id DESC LIMIT 3) x");
  sql(`INSERT IGNORE INTO party_roles (party_id, role_id) SELECT id, ${rare} FROM parties WHERE id IN (${few})`);
  sql("INSERT INTO party_groups (parent_id, name, path) VALUES (NULL, 'Scale small', '')");
  const small = sqlInt("SELECT MAX(id) FROM party_groups WHERE name = 'Scale small'");
  sql(`UPDATE party_groups SET path = CONCAT('/', id, '/') WHERE id = ${small};
    INSERT INTO party_group_members (group_id, party_id) SELECT ${small}, id FROM parties WHERE id IN (${few})`);
  const handful = `handful${Date.now().toString(36)}`;
  createUser(handful, 'scale-password-1', 'staff');
  sql(`INSERT INTO party_experts (party_id, user_id) SELECT p.id, u.id FROM parties p, users u WHERE p.id IN (${few}) AND u.username = '${handful}'`);
  urls.push(`/parties/persons?role=${rare}`, `/parties/persons?group=${small}`,
    `/parties/persons?expert=${sql(`SELECT id FROM users WHERE username = '${handful}'`)}`, `/parties/persons?group=${small}&sort=name&dir=desc`);
  // the lists' text box: a common name (read from its terms in the list's order, migration 028),
  // by name and by priority both ways, a phone's start, a company name, a rare code (read first),
  // two common words together, deep pages in an order without such an index (walked, each row
  // checked). Two common words' last page (Ahmet Yılmaz: 0.1%, the rest of Yılmaz's range read
  // for none) is over the bound: measured in `make bench`, checked below for what it shows.
  const code = sql("SELECT code FROM parties WHERE kind = 'person' ORDER BY id DESC LIMIT 1 OFFSET 7");
  const personMobile = sql(`SELECT c.value FROM party_channels c JOIN parties p ON p.id = c.party_id WHERE c.type = 'mobile'
    AND p.kind = 'person' AND p.is_active = 1 AND p.is_deleted = 0 ORDER BY c.id DESC LIMIT 1`);
  urls.push('/parties/persons?q=yilmaz', '/parties/persons?q=0900',
    '/parties/companies?q=northwind', `/parties/persons?q=${encodeURIComponent(code)}`, `/parties/persons?q=${personMobile.slice(-7)}`,
    `/parties/persons?q=${encodeURIComponent('کاظ')}&sort=name`, `/parties/persons?q=yilmaz&group=${small}`,
    `/parties/persons?q=yilmaz&role=${role}`, '/parties/persons?q=yilmaz&sort=name&dir=desc',
    '/parties/persons?q=yilmaz&sort=priority&dir=desc', '/parties/persons?q=yilmaz&state=inactive',
    '/parties/persons?q=yilmaz&state=all', '/parties/persons?q=yilmaz&state=all&sort=name',
    `/parties/persons?q=${encodeURIComponent('ahmet yilmaz')}`);
  let textDeep = '/parties/persons?q=yilmaz';
  for (let i = 0; i < 5; i++)
    textDeep = `/parties/persons${(await get(textDeep, { jar })).text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&')}`;
  urls.push(textDeep, textDeep.replace('after_id', 'back=1&after_id'));
  let textNext = '/parties/persons?q=yilmaz&sort=code';
  for (let i = 0; i < 3; i++)
    textNext = `/parties/persons${(await get(textNext, { jar })).text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&')}`;
  urls.push(textNext);
  // a sales user who sees the team's parties (all demo parties are the admin's, a teammate)
  const teamRole = await roleWith(jar, { p_home_view: 'all', p_parties_view: 'team', p_parties_export: 'team' });
  const user = `scale${Date.now().toString(36)}`;
  createUser(user, 'scale-password-1', teamRole);
  sql(`INSERT INTO teams (name) VALUES ('${user}')`);
  sql(`INSERT INTO user_teams (user_id, team_id) SELECT u.id, t.id FROM users u JOIN teams t ON t.name = '${user}'
    WHERE u.username IN ('admin', '${user}')`);
  const team = (await login(user, 'scale-password-1')).jar;
  for (const [who, j] of [['admin', jar], [user, team]]) {
    for (const u of urls) {
      const res = await get(u, { jar: j });
      assert.equal(res.status, 200, `${who} ${u}`);
      // starred, source and rank match nothing in the generated data, nor a name in the small
      // group (whichever three persons came last); the query plan is what counts there
      assert.ok(/party\?id=\d+/.test(res.text) || /starred|source|rank|q=yilmaz&group/.test(u), `rows for ${who} ${u}`);
    }
  }
  // the pickers' lookup (the phone book's query as JSON), of one kind and of any
  for (const u of ['/parties/lookup?kind=company&q=northwind', '/parties/lookup?q=yilmaz', `/parties/lookup?kind=person&q=${personMobile.slice(0, 8)}`,
    `/parties/lookup?q=${encodeURIComponent('کاظ')}`])
    for (const j of [jar, team]) {
      const res = await get(u, { jar: j });
      assert.equal(res.status, 200, u);
      assert.ok(JSON.parse(res.text).length > 0, `matches for ${u}`);
    }
  // a million rows are not sorted by a column's value: the page says to narrow the list first
  const bycity = await get('/parties/persons?sort=city&cols=code,display_name,city', { jar });
  assert.equal(bycity.status, 200);
  assert.match(bycity.text, /id="sort-refused"/);
  assert.match(bycity.text, /id="sort-priority"|party\?id=\d+/);
  // narrowed to a small group, it is
  const small2 = await get(`/parties/persons?sort=city&dir=desc&group=${small}&cols=code,display_name,city`, { jar });
  assert.doesNotMatch(small2.text, /id="sort-refused"/);
  assert.match(small2.text, /party\?id=\d+/);
  const log = fs.readFileSync(logFile, 'utf8').slice(start);
  const bad = log.split('\n').filter((l) => l.includes('explain:'));
  assert.deepEqual(bad, [], bad.join('\n'));
  assert.doesNotMatch(log, /explain failed/);
});

// What the text box shows at scale is what the list holds: the rows that match every word, in the
// list's order, page after page, whichever plan read them. A word matches names' words by their
// start (کاظمی finds کاظمی‌نژاد too).
test('the text box at scale shows the matching rows in the list\'s order', async () => {
  const { jar } = await login('admin', adminPassword());
  const ids = (html) => [...html.matchAll(/name="id" value="(\d+)" form="bulk-form"/g)].map((m) => m[1]);
  const truth = (where, offset) => sql(`SELECT GROUP_CONCAT(id ORDER BY priority DESC, name_norm, id) FROM (SELECT id, priority,
    name_norm FROM parties WHERE kind = 'person' AND is_deleted = 0 AND is_active = 1 AND ${where}
    ORDER BY priority DESC, name_norm, id LIMIT 50 OFFSET ${offset}) x`).split(',');
  for (const [q, where] of [['yilmaz', "display_name LIKE '% Yılmaz'"], ['ahmet yilmaz', "display_name = 'Ahmet Yılmaz'"],
    ['کاظمی', "display_name LIKE '% کاظمی%'"]]) {
    const first = await get(`/parties/persons?q=${encodeURIComponent(q)}`, { jar });
    assert.equal(first.status, 200, q);
    assert.deepEqual(ids(first.text), truth(where, 0), `${q}: the first page`);
    const next = first.text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
    assert.deepEqual(ids((await get(`/parties/persons${next}`, { jar })).text), truth(where, 50), `${q}: the second page`);
    assert.match(first.text, /id="list-count">[^<]*(More than|At least|بیش از|دست‌کم)/, `${q}: the count says it is a part`);
  }
});

// Custom fields at scale, made as an administrator makes them (the worker adds each column and
// its index online at a million rows), then filtered and shown as columns: a common choice is
// checked row by row as the list's index is walked, a rare one and a text's start are read from
// the field's own index first, a link to a party is named in the reader's scope. No query may
// scan or sort the million rows.
test('custom fields at scale: made online, filtered from their index, shown as columns', async () => {
  const { jar } = await login('admin', adminPassword());
  const start = fs.statSync(logFile).size;
  const made = async (fields) => {
    const page = await get('/admin/field/new', { jar });
    const t0 = Date.now();
    const res = await postForm('/admin/field/create', { csrf_token: csrfOf(page.text), entity: 'persons', searchable: 1, ...fields }, jar);
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const id = sqlInt(`SELECT id FROM custom_fields WHERE label_en = '${fields.label_en}'`);
    for (let i = 0; i < 1200 && sql(`SELECT state FROM custom_fields WHERE id = ${id}`) === 'pending'; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(sql(`SELECT state FROM custom_fields WHERE id = ${id}`), 'ready', sql(`SELECT error FROM custom_fields WHERE id = ${id}`));
    console.log(`# ${fields.type} field cf_${id}: column and index on ${sqlInt('SELECT COUNT(*) FROM parties')} parties ready in ${Date.now() - t0} ms`);
    return id;
  };
  const tag = Date.now().toString(36);
  const text = await made({ type: 'text', label_fa: `کارت ${tag}`, label_en: `Card ${tag}`, label_tr: `Kart ${tag}` });
  const choice = await made({ type: 'choice', label_fa: `اندازه ${tag}`, label_en: `Size ${tag}`, label_tr: `Boyut ${tag}` });
  const link = await made({ type: 'party', label_fa: `معرف ${tag}`, label_en: `Introducer ${tag}`, label_tr: `Tanıtan ${tag}` });
  sql(`INSERT INTO lookups (kind, code, name_fa, name_en, name_tr, sort) VALUES ('cf_${choice}', 'common', 'رایج', 'Common', 'Yaygın', 1),
    ('cf_${choice}', 'rare', 'کمیاب', 'Rare', 'Nadir', 2)`);
  const common = lookup(`cf_${choice}`, 'common'), rare = lookup(`cf_${choice}`, 'rare');
  // a third of the persons hold the common choice, three the rare one, a card and an introducer
  // (spread by a hash of the id: the demo's names follow its sequence, so id % 3 would give whole
  // first names the choice and others none, and a walk by name would cross a name's 33,000 rows)
  sql(`UPDATE parties SET cf_${choice} = ${common} WHERE kind = 'person' AND MOD(CRC32(id), 3) = 0`);
  const few = sql("SELECT GROUP_CONCAT(id) FROM (SELECT id FROM parties WHERE kind = 'person' AND is_active = 1 AND is_deleted = 0 ORDER BY id DESC LIMIT 3) x");
  const company = sql("SELECT id FROM parties WHERE kind = 'company' ORDER BY id LIMIT 1");
  sql(`UPDATE parties SET cf_${choice} = ${rare}, cf_${text} = CONCAT('GOLD-', id), cf_${link} = ${company} WHERE id IN (${few})`);
  const coCode = sql(`SELECT code FROM parties WHERE id = ${company}`);
  const cols = `code,display_name,cf_${text},cf_${choice},cf_${link}`;
  const urls = [`/parties/persons?cols=${cols}`, `/parties/persons?cols=${cols}&cf_${choice}=${common}`,
    `/parties/persons?cols=${cols}&cf_${choice}=${common}&sort=name`, `/parties/persons?cols=${cols}&cf_${choice}=${common}&sort=code&dir=desc`,
    `/parties/persons?cols=${cols}&cf_${choice}=${rare}`, `/parties/persons?cols=${cols}&cf_${text}=GOLD`,
    `/parties/persons?cols=${cols}&cf_${link}=${encodeURIComponent(coCode)}`, `/parties/persons?cf_${choice}=${common}&q=yilmaz`];
  // a deep page of the common choice
  let next = urls[1];
  for (let i = 0; i < 5; i++)
    next = `/parties/persons${(await get(next, { jar })).text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&')}`;
  urls.push(next);
  for (const u of urls) {
    const res = await get(u, { jar });
    assert.equal(res.status, 200, u);
    assert.match(res.text, /party\?id=\d+/, `rows for ${u}`);
  }
  // each filter shows the rows that hold it, and the columns their values by name
  const rareList = (await get(`/parties/persons?cols=${cols}&cf_${choice}=${rare}`, { jar })).text;
  for (const id of few.split(',')) assert.ok(rareList.includes(`party?id=${id}"`), `the rare choice's row ${id}`);
  assert.match(rareList, /کمیاب/);
  assert.ok(rareList.includes(sql(`SELECT display_name FROM parties WHERE id = ${company}`)), 'the introducer by name');
  const commonList = (await get(`/parties/persons?cols=${cols}&cf_${choice}=${common}`, { jar })).text;
  const shownIds = [...commonList.matchAll(/name="id" value="(\d+)" form="bulk-form"/g)].map((m) => Number(m[1]));
  assert.ok(shownIds.length > 0, 'the common choice: rows');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE id IN (${shownIds.join(',')}) AND NOT cf_${choice} <=> ${common}`), 0,
    'the common choice: only its holders');
  // the export of a common choice streams from the walked index too
  const csv = await get(`/parties/persons/export?format=csv&cols=${cols}&cf_${choice}=${rare}`, { jar });
  assert.equal(csv.status, 200);
  assert.equal(csv.text.trim().split(/\r?\n/).length, 4, csv.text.slice(0, 400));
  const log = fs.readFileSync(logFile, 'utf8').slice(start);
  const bad = log.split('\n').filter((l) => l.includes('explain:'));
  assert.deepEqual(bad, [], bad.join('\n'));
});
