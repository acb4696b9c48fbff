// Persons and companies: saving, validation, duplicates, locking, channels, relations,
// the phone book, lists with keyset paging, and record scopes (the IDOR tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, postForm, roleWith, iranLegalId, iranNationalCode,
  lookup, partyId, createParty, newPerson } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const searchIds = async (jar, q) => {
  const res = await get(`/parties/search?partial=1&q=${encodeURIComponent(q)}`, { jar });
  assert.equal(res.status, 200);
  return [...res.text.matchAll(/party\?id=(\d+)/g)].map((m) => Number(m[1]));
};

test('a person with a valid national ID, Persian-digit mobile and email; found every way', async () => {
  const jar = await adminSession();
  const code = uniqueName('P');
  const nationalCode = iranNationalCode();
  const persianCode = nationalCode.replace(/[0-9]/g, (c) => String.fromCharCode(0x06F0 + Number(c)));
  const res = await createParty(jar, { code, first_name: 'علی', last_name: 'کاظمی‌نژاد', national_id: persianCode,
    mobile: '۰۹۱۲ ۳۴۵ ' + String(Date.now()).slice(-4), email: `${code}@example.com`, birth_date: '1403/12/30',
    role: lookup('party_role', 'customer') });
  assert.equal(res.status, 303);
  const id = partyId(code);
  assert.equal(sql(`SELECT national_id FROM parties WHERE id = ${id}`), nationalCode);
  assert.equal(sql(`SELECT birth_date FROM persons WHERE party_id = ${id}`), '2025-03-20');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'insert'`), 1);
  const page = await get(`/parties/party?id=${id}`, { jar });
  assert.equal(page.status, 200);
  assert.match(page.text, /id="f-birth_date"><span dir="ltr">1403\/12\/30</);
  const mobile = sql(`SELECT value FROM party_channels WHERE party_id = ${id} AND type = 'mobile'`);
  const digits = mobile.replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06F0)).replace(/\D/g, '');
  assert.ok((await searchIds(jar, mobile)).includes(id), 'as typed, in Persian digits');
  assert.ok((await searchIds(jar, digits)).includes(id), 'in Latin digits');
  assert.ok((await searchIds(jar, `+98 ${digits.slice(1)}`)).includes(id), 'with the country code');
  assert.ok((await searchIds(jar, digits.slice(-7))).includes(id), 'the last seven digits');
  assert.ok((await searchIds(jar, 'علي كاظمي')).includes(id), 'Arabic yeh and kaf');
  assert.ok((await searchIds(jar, 'کاظمینژاد')).includes(id), 'without the ZWNJ');
  assert.ok((await searchIds(jar, code.toLowerCase())).includes(id), 'by code');
  assert.ok((await searchIds(jar, `${code}@example`)).includes(id), 'by email');
  assert.ok((await searchIds(jar, nationalCode)).includes(id), 'by national ID');
  assert.ok(!(await searchIds(jar, 'علی zzzunlikely')).includes(id), 'every word must match');
});

test('bad input changes nothing: national ID, birth date, email, missing name', async () => {
  const jar = await adminSession();
  const before = sqlInt('SELECT COUNT(*) FROM parties');
  const audits = sqlInt("SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties'");
  for (const [fields, field] of [
    [{ national_id: '0012345678' }, 'national_id'],
    [{ national_id: '10000000147' }, 'national_id'],
    [{ birth_date: '1402/12/30' }, 'birth_date'],
    [{ email: 'not@valid' }, 'email'],
    [{ last_name: '' }, 'last_name'],
    [{ mobile: 'call me' }, 'mobile'],
  ]) {
    const res = await createParty(jar, { code: uniqueName('B'), last_name: 'X', ...fields });
    assert.equal(res.status, 422, `${field}: ${JSON.stringify(fields)}`);
    assert.match(res.text, /class="field-error"/);
  }
  const company = await createParty(jar, { kind: 'company', code: uniqueName('C'), company_name: 'Bad Co', national_id: '10100000005' });
  assert.equal(company.status, 422);
  assert.equal(sqlInt('SELECT COUNT(*) FROM parties'), before);
  assert.equal(sqlInt("SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties'"), audits);
  const okCompany = await createParty(jar, { kind: 'company', code: uniqueName('C'), company_name: 'Good Co', national_id: iranLegalId() });
  assert.equal(okCompany.status, 303);
});

test('duplicate warning on create; "create anyway" goes through', async () => {
  const jar = await adminSession();
  const mobile = `0935${String(Date.now()).slice(-7)}`;
  await newPerson(jar, { mobile });
  const before = sqlInt('SELECT COUNT(*) FROM parties');
  const dup = await createParty(jar, { code: uniqueName('D'), last_name: 'Twin', mobile: `+98 ${mobile.slice(1)}` });
  assert.equal(dup.status, 409);
  assert.match(dup.text, /id="duplicates"/);
  assert.equal(sqlInt('SELECT COUNT(*) FROM parties'), before);
  const sameCode = sql('SELECT code FROM parties ORDER BY id DESC LIMIT 1');
  const codeDup = await createParty(jar, { code: sameCode, last_name: 'Twin' });
  assert.equal(codeDup.status, 409);
  const anyway = await createParty(jar, { code: uniqueName('D'), last_name: 'Twin', mobile, confirm_duplicate: 1 });
  assert.equal(anyway.status, 303);
});

test('a stale save is a conflict that shows the other change and loses nothing', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, { notes: 'original' });
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  const code = sql(`SELECT code FROM parties WHERE id = ${id}`);
  const base = { csrf_token: csrfOf(edit.text), id, version, code, last_name: 'Test' };
  assert.equal((await postForm('/parties/party/update', { ...base, notes: 'first writer' }, jar)).status, 303);
  const second = await postForm('/parties/party/update', { ...base, notes: 'second writer' }, jar);
  assert.equal(second.status, 409);
  assert.match(second.text, /id="form-conflict"/);
  assert.match(second.text, /first writer/);
  assert.match(second.text, />second writer</);
  assert.equal(sql(`SELECT notes FROM parties WHERE id = ${id}`), 'first writer');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'update'`), 1);
});

test('deactivated parties leave the default list but stay searchable; star filter', async () => {
  const jar = await adminSession();
  const name = uniqueName('Dormant');
  // priority 9 sorts first, so page one of a list shows it whenever the list includes it
  const id = await newPerson(jar, { last_name: name, priority: 9 });
  const listed = async (q) => (await get(`/parties/persons?${q}`, { jar })).text.includes(`party?id=${id}"`);
  assert.ok(await listed(''), 'active: in the default list');
  const page = await get(`/parties/party?id=${id}`, { jar });
  assert.equal((await postForm('/parties/party/active', { csrf_token: csrfOf(page.text), id, active: 0 }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE record_id = ${id} AND table_name = 'parties' AND action = 'deactivate'`), 1);
  assert.ok(!(await listed('')), 'inactive: hidden from the default list');
  assert.ok(await listed('state=inactive'));
  assert.ok(await listed('state=all'));
  assert.ok((await searchIds(jar, name)).includes(id), 'search still finds it');
  assert.match((await get(`/parties/search?partial=1&q=${name}`, { jar })).text, /class="inactive"/);
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text, /id="inactive-note"/);
  assert.ok(!(await listed('state=all&starred=1')));
  assert.equal((await postForm('/parties/party/star', { csrf_token: csrfOf(page.text), id, star: 1 }, jar)).status, 303);
  assert.ok(await listed('state=all&starred=1'));
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE id = ${id}`), 1, 'inactive is not deleted');
});

test('channels: add with codes and a primary, refuse a bad one, remove', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, {});
  const page = await get(`/parties/party?id=${id}`, { jar });
  const csrf = csrfOf(page.text);
  const add = (o) => postForm('/parties/channel/add', { csrf_token: csrf, party_id: id, ...o }, jar);
  assert.equal((await add({ type: 'phone', country_code: '98', area_code: '21', value: '88776655', extension: '12', primary: 1 })).status, 303);
  assert.equal((await add({ type: 'website', value: 'https://www.example.com/' })).status, 303);
  assert.equal((await add({ type: 'address', value: 'تهران، خیابان ولیعصر', latitude: '35.7', longitude: '51.4' })).status, 303);
  const bad = await add({ type: 'email', value: 'nope' });
  assert.equal(bad.status, 422);
  assert.equal((await add({ type: 'address', value: 'x', latitude: '95' })).status, 422);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_channels WHERE party_id = ${id}`), 3);
  const view = await get(`/parties/party?id=${id}`, { jar });
  assert.match(view.text, /href="tel:982188776655"/);
  assert.match(view.text, /href="geo:35\.700000,51\.400000"/);
  assert.ok((await searchIds(jar, '021 88776655')).includes(id));
  assert.ok((await searchIds(jar, 'example.com')).includes(id));
  assert.ok((await searchIds(jar, 'ولیعصر')).includes(id));
  const ch = sqlInt(`SELECT id FROM party_channels WHERE party_id = ${id} AND type = 'website'`);
  assert.equal((await postForm('/parties/channel/delete', { csrf_token: csrf, party_id: id, id: ch }, jar)).status, 303);
  assert.ok(!(await searchIds(jar, 'example.com')).includes(id));
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action LIKE 'channel_%'`), 4);
});

test('a relation shows on both records', async () => {
  const jar = await adminSession();
  const a = await newPerson(jar, { last_name: 'Supplier' });
  const companyCode = uniqueName('C');
  const res = await createParty(jar, { kind: 'company', code: companyCode, company_name: 'Buyer Ltd' });
  assert.equal(res.status, 303);
  const b = partyId(companyCode);
  const page = await get(`/parties/party?id=${a}`, { jar });
  assert.equal((await postForm('/parties/relation/add', { csrf_token: csrfOf(page.text), party_id: a,
    relation: lookup('relation', 'supplier_of'), other_code: companyCode }, jar)).status, 303);
  assert.match((await get(`/parties/party?id=${a}`, { jar })).text, new RegExp(`party\\?id=${b}">Buyer Ltd`));
  assert.match((await get(`/parties/party?id=${b}`, { jar })).text, new RegExp(`party\\?id=${a}">`));
  const bad = await postForm('/parties/relation/add', { csrf_token: csrfOf(page.text), party_id: a,
    relation: lookup('relation', 'supplier_of'), other_code: 'no-such-code' }, jar);
  assert.equal(bad.status, 422);
});

test('scope "assigned to me": lists, search, record pages and direct URLs show only own parties', async () => {
  const jar = await adminSession();
  const role = await roleWith(jar, { p_parties_view: 'own', p_parties_edit: 'own', p_parties_create: 'all', p_home_view: 'all' });
  const me = uniqueName('own'), other = uniqueName('oth');
  createUser(me, 'own-password-1', role);
  createUser(other, 'own-password-1', role);
  const mine = await login(me, 'own-password-1');
  const theirs = await login(other, 'own-password-1');
  const tag = uniqueName('Scoped');
  const myId = await newPerson(mine.jar, { last_name: `${tag} Mine` });
  const theirId = await newPerson(theirs.jar, { last_name: `${tag} Theirs` });
  const list = await get('/parties/persons', { jar: mine.jar });
  assert.ok(list.text.includes(`party?id=${myId}"`));
  assert.ok(!list.text.includes(`party?id=${theirId}"`));
  const found = await searchIds(mine.jar, tag);
  assert.deepEqual(found, [myId]);
  assert.equal((await get(`/parties/party?id=${theirId}`, { jar: mine.jar })).status, 404, 'IDOR: a direct URL');
  assert.equal((await get(`/parties/party/edit?id=${theirId}`, { jar: mine.jar })).status, 404);
  const page = await get(`/parties/party?id=${myId}`, { jar: mine.jar });
  const before = sql(`SELECT CONCAT(display_name, version) FROM parties WHERE id = ${theirId}`);
  const save = await postForm('/parties/party/update', { csrf_token: csrfOf(page.text), id: theirId, version: 1,
    code: 'stolen', last_name: 'Stolen' }, mine.jar);
  assert.equal(save.status, 404);
  const ch = await postForm('/parties/channel/add', { csrf_token: csrfOf(page.text), party_id: theirId, type: 'mobile', value: '09120000000' }, mine.jar);
  assert.equal(ch.status, 404);
  assert.equal(sql(`SELECT CONCAT(display_name, version) FROM parties WHERE id = ${theirId}`), before);
  // The admin (scope all) sees both.
  assert.deepEqual((await searchIds(jar, tag)).sort(), [myId, theirId].sort());
});

test('scope "my team": teammates see each other\'s parties; a customer list narrows further', async () => {
  const jar = await adminSession();
  const role = await roleWith(jar, { p_parties_view: 'team', p_parties_create: 'all', p_home_view: 'all' });
  const a = uniqueName('ta'), b = uniqueName('tb'), c = uniqueName('tc');
  for (const u of [a, b, c]) createUser(u, 'team-password-1', role);
  const team = uniqueName('team');
  sql(`INSERT INTO teams (name) VALUES ('${team}')`);
  sql(`INSERT INTO user_teams (user_id, team_id) SELECT u.id, t.id FROM users u, teams t WHERE t.name = '${team}' AND u.username IN ('${a}', '${b}')`);
  const tag = uniqueName('Team');
  const ja = (await login(a, 'team-password-1')).jar, jb = (await login(b, 'team-password-1')).jar, jc = (await login(c, 'team-password-1')).jar;
  const pa = await newPerson(ja, { last_name: `${tag} A` });
  const pc = await newPerson(jc, { last_name: `${tag} C` });
  assert.deepEqual(await searchIds(jb, tag), [pa], 'b sees a\'s party, not c\'s');
  assert.equal((await get(`/parties/party?id=${pa}`, { jar: jb })).status, 200);
  assert.equal((await get(`/parties/party?id=${pc}`, { jar: jb })).status, 404);
  assert.deepEqual(await searchIds(jc, tag), [pc]);
  // "This agent sees only these accounts": b limited to a list without pa.
  sql(`INSERT INTO user_customers (user_id, party_id) SELECT id, ${pc} FROM users WHERE username = '${b}'`);
  const jb2 = (await login(b, 'team-password-1')).jar;
  assert.deepEqual(await searchIds(jb2, tag), []);
  assert.equal((await get(`/parties/party?id=${pa}`, { jar: jb2 })).status, 404);
});

test('view without edit: 403 on save, the record unchanged', async () => {
  const jar = await adminSession();
  const role = await roleWith(jar, { p_parties_view: 'all', p_home_view: 'all' });
  const u = uniqueName('viewer');
  createUser(u, 'viewer-password-1', role);
  const id = await newPerson(jar, { notes: 'keep me' });
  const { jar: v } = await login(u, 'viewer-password-1');
  const page = await get(`/parties/party?id=${id}`, { jar: v });
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /id="edit"/);
  const code = sql(`SELECT code FROM parties WHERE id = ${id}`);
  const res = await postForm('/parties/party/update', { csrf_token: csrfOf(page.text), id, version: 1, code, last_name: 'Changed', notes: 'changed' }, v);
  assert.equal(res.status, 403);
  assert.equal(sql(`SELECT notes FROM parties WHERE id = ${id}`), 'keep me');
});

test('delete goes to the recycle bin; purge needs the purge permission and a deleted record', async () => {
  const jar = await adminSession();
  const role = await roleWith(jar, { p_parties_view: 'all', p_parties_delete: 'all', p_home_view: 'all' });
  const u = uniqueName('deleter');
  createUser(u, 'deleter-password-1', role);
  const id = await newPerson(jar, {});
  const { jar: d } = await login(u, 'deleter-password-1');
  const page = await get(`/parties/party?id=${id}`, { jar: d });
  const csrf = csrfOf(page.text);
  const adminCsrf = csrfOf((await get(`/parties/party?id=${id}`, { jar })).text);
  assert.equal((await postForm('/parties/party/purge', { csrf_token: adminCsrf, id }, jar)).status, 409, 'not deleted yet');
  assert.equal((await postForm('/parties/party/delete', { csrf_token: csrf, id }, d)).status, 303);
  assert.equal(sqlInt(`SELECT is_deleted FROM parties WHERE id = ${id}`), 1);
  assert.equal((await get(`/parties/party?id=${id}`, { jar })).status, 404, 'gone from view');
  assert.equal((await postForm('/parties/party/purge', { csrf_token: csrf, id }, d)).status, 403);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE id = ${id}`), 1);
  assert.equal((await postForm('/parties/party/purge', { csrf_token: adminCsrf, id }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE id = ${id}`), 0);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'purge'`), 1);
});

test('lists page by keyset: 55 own parties make a full page and a rest, without overlap', async () => {
  const jar = await adminSession();
  const role = await roleWith(jar, { p_parties_view: 'own', p_parties_create: 'all', p_home_view: 'all' });
  const u = uniqueName('pager');
  createUser(u, 'pager-password-1', role);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${u}'`);
  const tag = uniqueName('Page');
  const values = Array.from({ length: 55 }, (_, i) => `('person', '${tag}-${i}', 'N ${tag} ${String(i).padStart(2, '0')}', 'n ${tag} ${String(i).padStart(2, '0')}', ${i % 3})`).join(',');
  sql(`INSERT INTO parties (kind, code, display_name, name_norm, priority) VALUES ${values}`);
  sql(`INSERT INTO persons (party_id, last_name) SELECT id, display_name FROM parties WHERE code LIKE '${tag}-%'`);
  sql(`INSERT INTO party_experts (party_id, user_id) SELECT id, ${uid} FROM parties WHERE code LIKE '${tag}-%'`);
  const { jar: pj } = await login(u, 'pager-password-1');
  const first = await get('/parties/persons', { jar: pj });
  const ids1 = [...first.text.matchAll(/party\?id=(\d+)/g)].map((m) => m[1]);
  assert.equal(ids1.length, 50);
  const next = first.text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const second = await get(`/parties/persons${next}`, { jar: pj });
  const ids2 = [...second.text.matchAll(/party\?id=(\d+)/g)].map((m) => m[1]);
  assert.equal(ids2.length, 5);
  assert.equal(new Set([...ids1, ...ids2]).size, 55);
  assert.doesNotMatch(second.text, /id="next-page"/);
  // priority first: the first page starts with priority 2
  assert.equal(sqlInt(`SELECT priority FROM parties WHERE id = ${ids1[0]}`), 2);
});

test('groups: an n-level tree; filtering by a group includes its sub-groups; moving a branch', async () => {
  const jar = await adminSession();
  const page = await get('/parties/groups', { jar });
  assert.equal(page.status, 200);
  const csrf = csrfOf(page.text);
  const tag = uniqueName('G');
  const mk = async (name, parent) => {
    const res = await postForm('/parties/group/create', { csrf_token: csrf, name, parent_id: parent || '' }, jar);
    assert.equal(res.status, 303);
    return sqlInt(`SELECT id FROM party_groups WHERE name = '${name}'`);
  };
  const top = await mk(`${tag}-top`), mid = await mk(`${tag}-mid`, top), leaf = await mk(`${tag}-leaf`, mid);
  const other = await mk(`${tag}-other`);
  assert.equal(sql(`SELECT path FROM party_groups WHERE id = ${leaf}`), `/${top}/${mid}/${leaf}/`);
  const inLeaf = await newPerson(jar, { last_name: `${tag} leafer`, priority: 9 });
  const inTop = await newPerson(jar, { last_name: `${tag} topper`, priority: 9 });
  const outside = await newPerson(jar, { last_name: `${tag} outsider`, priority: 9 });
  const setGroups = async (id, groups) => {
    const p = await get(`/parties/party?id=${id}`, { jar });
    return postForm('/parties/party/groups', { csrf_token: csrfOf(p.text), party_id: id, group: groups }, jar);
  };
  assert.equal((await setGroups(inLeaf, [leaf])).status, 303);
  assert.equal((await setGroups(inTop, [top, other])).status, 303);
  assert.equal((await setGroups(outside, [other])).status, 303);
  assert.equal((await setGroups(outside, [999999999])).status, 400);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_members WHERE party_id = ${outside}`), 1, 'a bad group changes nothing');
  const ids = async (g) => [...(await get(`/parties/persons?state=all&group=${g}`, { jar })).text.matchAll(/party\?id=(\d+)/g)].map((m) => Number(m[1]));
  assert.deepEqual((await ids(top)).sort(), [inLeaf, inTop].sort(), 'top includes its sub-groups');
  assert.deepEqual(await ids(mid), [inLeaf]);
  const tree = await get('/parties/groups', { jar });
  assert.match(tree.text, new RegExp(`data-path="/${top}/">[\\s\\S]*?class="branch-total">2<`));
  // move mid (with leaf) under other: top loses them, other gains them
  assert.equal((await postForm('/parties/group/move', { csrf_token: csrf, id: mid, parent_id: other }, jar)).status, 303);
  assert.equal(sql(`SELECT path FROM party_groups WHERE id = ${leaf}`), `/${other}/${mid}/${leaf}/`);
  assert.deepEqual(await ids(top), [inTop]);
  assert.deepEqual((await ids(other)).sort(), [inLeaf, inTop, outside].sort());
  // never under its own branch
  const cycle = await postForm('/parties/group/move', { csrf_token: csrf, id: other, parent_id: leaf }, jar);
  assert.equal(cycle.status, 422);
  assert.equal(sql(`SELECT path FROM party_groups WHERE id = ${other}`), `/${other}/`);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'party_groups' AND record_id = ${mid} AND action = 'move'`), 1);
});

test('rankings: a rank for a period, history kept, the current rank in lists', async () => {
  const jar = await adminSession();
  const tag = uniqueName('Ranked');
  const id = await newPerson(jar, { last_name: tag, priority: 9 });
  const page = await get(`/parties/party?id=${id}`, { jar });
  assert.match(page.text, /name="rank_id"[^>]*><option value="\d+">A</, 'the record page offers the ranks');
  const csrf = csrfOf(page.text);
  const rank = (name) => sqlInt(`SELECT id FROM rank_types WHERE name = '${name}'`);
  const add = (o) => postForm('/parties/ranking/add', { csrf_token: csrf, party_id: id, ...o }, jar);
  // the admin's calendar is Jalali: 1403/01/01 is 2024-03-20
  assert.equal((await add({ rank_id: rank('B'), start_date: '1403/01/01' })).status, 303);
  assert.equal((await add({ rank_id: rank('A'), start_date: '1404/01/01' })).status, 303);
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(start_date, '/', COALESCE(end_date, '-')) ORDER BY start_date) FROM party_rankings WHERE party_id = ${id}`),
    '2024-03-20/2025-03-20,2025-03-21/-', 'the earlier rank ends the day before the new one');
  assert.equal((await add({ rank_id: rank('C'), start_date: '1404/05/01', end_date: '1404/04/01' })).status, 422);
  assert.equal((await add({ rank_id: 999999, start_date: '1404/05/01' })).status, 422);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_rankings WHERE party_id = ${id}`), 2);
  const list = await get('/parties/persons?sort=created&dir=desc', { jar }); // the newest first: this one
  // the rank's colour comes with its name
  const color = sql("SELECT color FROM rank_types WHERE name = 'A'");
  assert.match(list.text, new RegExp(`party\\?id=${id}"[\\s\\S]*?class="rank"><span class="tag"><svg class="swatch"[^>]*><rect [^>]*fill="${color}"/></svg>A<`));
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text, new RegExp(`id="rankings"><li><span class="tag"><svg class="swatch"[^>]*><rect [^>]*fill="${color}"/></svg>A<`));
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'rank'`), 2);
});

test('the many optional fields: saved, shown in the user\'s calendar, audited, bad values refused', async () => {
  const jar = await adminSession();
  const code = uniqueName('X');
  const fields = { code, first_name: 'Reza', last_name: 'Nouri', birth_cert_no: '12345', marital_status: 'married',
    marriage_date: '1399/12/30', religion_id: lookup('religion', 'islam'), education_degree_id: lookup('education_degree', 'master'),
    favourite_color: 'blue', psychology: 'calm\nprefers email', income: '۱٬۲۵۰٬۰۰۰', credit_limit: '5000.50', color: '#1a7f37',
    activity: [lookup('activity', 'retail'), lookup('activity', 'services')] };
  const res = await createParty(jar, fields);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const id = partyId(code);
  assert.equal(sql(`SELECT CONCAT_WS('|', pe.birth_cert_no, pe.marital_status, pe.marriage_date, p.income, p.credit_limit, p.color) FROM parties p JOIN persons pe ON pe.party_id = p.id WHERE p.id = ${id}`),
    '12345|married|2021-03-20|125000000|500050|#1a7f37'); // money in minor units
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_activities WHERE party_id = ${id}`), 2);
  const view = await get(`/parties/party?id=${id}`, { jar });
  assert.match(view.text, /id="f-marriage_date"><span dir="ltr">1399\/12\/30</);
  assert.match(view.text, /id="f-activities">/);
  const details = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'insert'`));
  assert.equal(details.income.new, '125000000');
  assert.equal(details.marriage_date.new, '2021-03-20');
  // edit: change one field; the audit row names just that one among the extras
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  assert.match(edit.text, /id="marriage_date"[^>]*value="1399\/12\/30"/);
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  const again = await postForm('/parties/party/update', { ...fields, csrf_token: csrfOf(edit.text), id, version, credit_limit: '7000' }, jar);
  assert.equal(again.status, 303);
  const upd = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'update'`));
  assert.deepEqual(upd.credit_limit, { old: '500050', new: '700000' });
  assert.equal(upd.income, undefined, 'an unchanged amount is not a change');
  assert.equal(upd.marriage_date, undefined);
  for (const bad of [{ income: '12abc' }, { color: 'green' }, { marital_status: 'complicated' }, { marriage_date: '1402/12/30' },
    { religion_id: lookup('activity', 'retail') }]) {
    const b = await createParty(jar, { ...fields, code: uniqueName('X'), ...bad });
    assert.equal(b.status, 422, JSON.stringify(bad));
  }
  const company = uniqueName('XC');
  const c = await createParty(jar, { kind: 'company', code: company, company_name: 'Fields Co', brand: 'FC', founded_year: '1385',
    employees: '120', premises_id: lookup('premises', 'goodwill') });
  assert.equal(c.status, 303);
  assert.equal(sql(`SELECT CONCAT_WS('|', brand, founded_year, employees) FROM companies WHERE party_id = ${partyId(company)}`), 'FC|1385|120');
  assert.equal((await createParty(jar, { kind: 'company', code: uniqueName('XC'), company_name: 'Bad', employees: '-3' })).status, 422);
});

test('a city (within its province and country) is chosen, shown and filtered on', async () => {
  const jar = await adminSession();
  const shiraz = sqlInt("SELECT id FROM places WHERE level = 'city' AND name = 'شیراز'");
  const code = uniqueName('CITY');
  const res = await createParty(jar, { code, last_name: 'Shirazi', city_id: shiraz, priority: 9 });
  assert.equal(res.status, 303);
  const id = partyId(code);
  assert.equal(sql(`SELECT CONCAT_WS('/', co.name, pr.name, c.name) FROM parties p JOIN places c ON c.id = p.city_id
    JOIN places pr ON pr.id = p.province_id JOIN places co ON co.id = p.country_id WHERE p.id = ${id}`), 'ایران/فارس/شیراز');
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text, /id="f-city_id">ایران › فارس › شیراز</);
  assert.ok((await get(`/parties/persons?city=${shiraz}`, { jar })).text.includes(`party?id=${id}"`));
  const tabriz = sqlInt("SELECT id FROM places WHERE level = 'city' AND name = 'تبریز'");
  assert.ok(!(await get(`/parties/persons?city=${tabriz}`, { jar })).text.includes(`party?id=${id}"`));
  const province = sqlInt("SELECT id FROM places WHERE level = 'province' AND name = 'فارس'");
  assert.equal((await createParty(jar, { code: uniqueName('CITY'), last_name: 'X', city_id: province })).status, 422, 'a province is not a city');
});

test('managed lists: add an entry in three languages, rename it, deactivate it; records keep it', async () => {
  const jar = await adminSession();
  const page = await get('/parties/lists?kind=source', { jar });
  assert.equal(page.status, 200);
  const csrf = csrfOf(page.text);
  const code = uniqueName('src').toLowerCase();
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', code, name_fa: 'تلگرام', name_en: 'Telegram',
    name_tr: 'Telegram', sort: 60 }, jar)).status, 303);
  const id = lookup('source', code);
  assert.ok(id > 0);
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', code, name_fa: 'x', name_en: 'x', name_tr: 'x' }, jar)).status, 409);
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', code: 'Bad Code', name_fa: 'x', name_en: 'x', name_tr: 'x' }, jar)).status, 422);
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'nonsense', code: 'x', name_fa: 'x', name_en: 'x', name_tr: 'x' }, jar)).status, 400);
  const party = await newPerson(jar, { source_id: id });
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', id, version: 1, name_fa: 'تلگرام و واتساپ',
    name_en: 'Messengers', name_tr: 'Mesajlaşma', sort: 60 }, jar)).status, 303, 'unticked active: deactivated');
  assert.equal(sql(`SELECT CONCAT(name_en, is_active) FROM lookups WHERE id = ${id}`), 'Messengers0');
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', id, version: 1, name_fa: 'x', name_en: 'x', name_tr: 'x' }, jar)).status, 409, 'stale');
  assert.equal(sqlInt(`SELECT source_id FROM parties WHERE id = ${party}`), id, 'the record keeps its value');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'lookups' AND record_id = ${id}`), 2);
  assert.doesNotMatch((await get('/parties/person/new', { jar })).text, /Messengers|تلگرام و واتساپ/, 'inactive entries are not offered');
});

test('employment: a person at several companies, with positions, shown on both sides', async () => {
  const jar = await adminSession();
  const person = await newPerson(jar, { last_name: 'Worker' });
  const codes = [uniqueName('E'), uniqueName('E')];
  for (const c of codes) assert.equal((await createParty(jar, { kind: 'company', code: c, company_name: `Employer ${c}` })).status, 303);
  const page = await get(`/parties/party?id=${person}`, { jar });
  const csrf = csrfOf(page.text);
  const add = (o) => postForm('/parties/employment/add', { csrf_token: csrf, party_id: person, ...o }, jar);
  assert.equal((await add({ company_code: codes[0], position: 'مدیر فروش' })).status, 303);
  assert.equal((await add({ company_code: codes[1], position: 'Consultant' })).status, 303);
  assert.equal((await add({ company_code: codes[0], position: 'again' })).status, 422);
  assert.equal((await add({ company_code: 'no-such', position: 'x' })).status, 422);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM employments WHERE person_id = ${person}`), 2);
  assert.match((await get(`/parties/party?id=${person}`, { jar })).text, /id="jobs">[\s\S]*مدیر فروش/);
  assert.match((await get(`/parties/party?id=${partyId(codes[0])}`, { jar })).text, new RegExp(`id="jobs">[\\s\\S]*party\\?id=${person}"`));
  const job = sqlInt(`SELECT id FROM employments WHERE person_id = ${person} AND company_id = ${partyId(codes[1])}`);
  assert.equal((await postForm('/parties/employment/delete', { csrf_token: csrf, party_id: person, id: job }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM employments WHERE person_id = ${person}`), 1);
});

test('places: add a province and a city within their parents, rename, refuse duplicates', async () => {
  const jar = await adminSession();
  const page = await get('/parties/places', { jar });
  assert.equal(page.status, 200);
  assert.match(page.text, /ایران/);
  const csrf = csrfOf(page.text);
  const iran = sqlInt("SELECT id FROM places WHERE level = 'country' AND name = 'ایران'");
  const province = uniqueName('استان');
  assert.equal((await postForm('/parties/place/create', { csrf_token: csrf, parent_id: iran, name: province }, jar)).status, 303);
  const pid = sqlInt(`SELECT id FROM places WHERE name = '${province}'`);
  assert.equal(sql(`SELECT level FROM places WHERE id = ${pid}`), 'province');
  assert.equal((await postForm('/parties/place/create', { csrf_token: csrf, parent_id: iran, name: province }, jar)).status, 409);
  assert.equal((await postForm('/parties/place/create', { csrf_token: csrf, parent_id: pid, name: 'کرج' }, jar)).status, 303);
  const city = sqlInt(`SELECT id FROM places WHERE parent_id = ${pid} AND name = 'کرج'`);
  assert.equal(sql(`SELECT level FROM places WHERE id = ${city}`), 'city');
  const listed = await get(`/parties/places?parent=${pid}`, { jar });
  assert.match(listed.text, /id="trail">[\s\S]*ایران[\s\S]*<\/nav>/);
  assert.match((await get('/parties/person/new', { jar })).text, new RegExp(`value="${city}">ایران › ${province} › کرج<`));
  assert.equal((await postForm('/parties/place/rename', { csrf_token: csrf, id: city, version: 1, parent_id: pid, name: 'کرج بزرگ' }, jar)).status, 303);
  assert.equal((await postForm('/parties/place/rename', { csrf_token: csrf, id: city, version: 1, parent_id: pid, name: 'x' }, jar)).status, 409);
  assert.equal(sql(`SELECT name FROM places WHERE id = ${city}`), 'کرج بزرگ');
  assert.equal((await get('/parties/places?parent=999999999', { jar })).status, 404);
});

test('list filters: source, priority, assigned expert and current rank', async () => {
  const jar = await adminSession();
  const expertName = uniqueName('exp');
  createUser(expertName, 'expert-password-1');
  const expert = sqlInt(`SELECT id FROM users WHERE username = '${expertName}'`);
  const code = uniqueName('F');
  const res = await createParty(jar, { code, last_name: 'Filtered', source_id: lookup('source', 'exhibition'), priority: 9, expert: [expert] });
  assert.equal(res.status, 303);
  const id = partyId(code);
  const page = await get(`/parties/party?id=${id}`, { jar });
  const rankB = sqlInt("SELECT id FROM rank_types WHERE name = 'B'");
  assert.equal((await postForm('/parties/ranking/add', { csrf_token: csrfOf(page.text), party_id: id, rank_id: rankB, start_date: '1400/01/01' }, jar)).status, 303);
  const has = async (q) => (await get(`/parties/persons?state=all&${q}`, { jar })).text.includes(`party?id=${id}"`);
  assert.ok(await has(`source=${lookup('source', 'exhibition')}`));
  assert.ok(!(await has(`source=${lookup('source', 'website')}`)));
  assert.ok(await has('priority=9'));
  assert.ok(!(await has('priority=8')));
  assert.ok(await has(`expert=${expert}`));
  assert.ok(await has(`rank=${rankB}`));
  assert.ok(!(await has(`rank=${sqlInt("SELECT id FROM rank_types WHERE name = 'C'")}`)));
  assert.equal((await get('/parties/persons?priority=12', { jar })).status, 400);
});

test('foreign languages with a level: set, change, remove; companies have none', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, {});
  const page = await get(`/parties/party?id=${id}`, { jar });
  const csrf = csrfOf(page.text);
  const en = lookup('language', 'en'), tr = lookup('language', 'tr');
  const set = (language_id, level, party_id = id) => postForm('/parties/language/set', { csrf_token: csrf, party_id, language_id, level }, jar);
  assert.equal((await set(en, 'good')).status, 303);
  assert.equal((await set(tr, 'native')).status, 303);
  assert.equal((await set(en, 'fluent')).status, 303);
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(l.code, '=', pl.level) ORDER BY l.code) FROM person_languages pl JOIN lookups l ON l.id = pl.language_id WHERE pl.person_id = ${id}`), 'en=fluent,tr=native');
  assert.equal((await set(tr, 'none')).status, 303);
  assert.equal((await set(en, 'superb')).status, 400);
  assert.equal((await set(lookup('source', 'website'), 'good')).status, 400, 'not a language');
  assert.equal(sql(`SELECT GROUP_CONCAT(level) FROM person_languages WHERE person_id = ${id}`), 'fluent');
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text, /id="languages"><li>[^<]*English · Fluent|id="languages"><li>انگلیسی/);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND details LIKE '%language.%'`), 4);
  const company = uniqueName('LC');
  await createParty(jar, { kind: 'company', code: company, company_name: 'Lang Co' });
  assert.equal((await set(en, 'good', partyId(company))).status, 400);
});

test('saved filters: a named filter per user, only known fields kept, deleted by its owner only', async () => {
  const jar = await adminSession();
  const list = await get('/parties/persons?state=all&priority=9', { jar });
  const csrf = csrfOf(list.text);
  const name = uniqueName('VIP');
  const res = await postForm('/parties/filter/save', { csrf_token: csrf, list: 'persons', filter_name: name, state: 'all',
    priority: 9, evil: '"><script>alert(1)</script>' }, jar);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/parties/persons?state=all&priority=9');
  assert.equal(sql(`SELECT query FROM saved_filters WHERE name = '${name}'`), 'state=all&priority=9');
  const shown = await get('/parties/persons', { jar });
  assert.match(shown.text, new RegExp(`href="/parties/persons\\?state=all&amp;priority=9">${name}<`));
  const id = sqlInt(`SELECT id FROM saved_filters WHERE name = '${name}'`);
  const other = uniqueName('other');
  createUser(other, 'other-password-1', 'admin');
  const { jar: oj } = await login(other, 'other-password-1');
  assert.doesNotMatch((await get('/parties/persons', { jar: oj })).text, new RegExp(name), 'filters are per user');
  const ocsrf = csrfOf((await get('/parties/persons', { jar: oj })).text);
  assert.equal((await postForm('/parties/filter/delete', { csrf_token: ocsrf, list: 'persons', id }, oj)).status, 404);
  assert.equal((await postForm('/parties/filter/delete', { csrf_token: csrf, list: 'persons', id }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM saved_filters WHERE id = ${id}`), 0);
  assert.equal((await postForm('/parties/filter/save', { csrf_token: csrf, list: 'nowhere', filter_name: 'x' }, jar)).status, 400);
});

test('sorting by name, code, priority, last change, creation or, on a small list, any value, either way, by keyset', async () => {
  const jar = await adminSession();
  const role = await roleWith(jar, { p_parties_view: 'own', p_parties_export: 'own', p_home_view: 'all' });
  const u = uniqueName('sorter');
  createUser(u, 'sorter-password-1', role);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${u}'`);
  const tag = uniqueName('S');
  // codes ascend with i, names descend with i
  const values = Array.from({ length: 55 }, (_, i) => `('person', '${tag}-${String(i).padStart(2, '0')}', 'n ${String(99 - i)}', 'n ${String(99 - i)}', 0)`).join(',');
  sql(`INSERT INTO parties (kind, code, display_name, name_norm, priority) VALUES ${values}`);
  sql(`INSERT INTO persons (party_id, last_name) SELECT id, display_name FROM parties WHERE code LIKE '${tag}-%'`);
  sql(`INSERT INTO party_experts (party_id, user_id) SELECT id, ${uid} FROM parties WHERE code LIKE '${tag}-%'`);
  const { jar: sj } = await login(u, 'sorter-password-1');
  const codesOf = (html) => [...html.matchAll(new RegExp(`<td[^>]* dir="ltr">(${tag}-\\d\\d)</td>`, 'g'))].map((m) => m[1]);
  // priorities: the first ten rows 9..0, the rest 0; ids ascend with i
  sql(`UPDATE parties SET priority = GREATEST(0, 9 - CAST(SUBSTRING_INDEX(code, '-', -1) AS SIGNED)) WHERE code LIKE '${tag}-%'`);
  // by priority: 9..1 (i = 0..8), then priority 0 by name, whose names descend with i
  const byPriority = [...Array.from({ length: 9 }, (_, i) => i), ...Array.from({ length: 46 }, (_, k) => 54 - k)];
  for (const [sort, dir, expected] of [['code', '', (i) => i], ['code', 'desc', (i) => 54 - i], ['name', '', (i) => 54 - i],
    ['name', 'desc', (i) => i], ['created', '', (i) => i], ['created', 'desc', (i) => 54 - i],
    ['priority', '', (i) => byPriority[i]], ['priority', 'desc', (i) => byPriority[54 - i]],
    // made in one statement: the same last change, then by id
    ['updated', '', (i) => i], ['updated', 'desc', (i) => 54 - i]]) {
    const first = await get(`/parties/persons?sort=${sort}${dir ? `&dir=${dir}` : ''}&cols=code,display_name,created_at,updated_at,priority`, { jar: sj });
    assert.equal(first.status, 200);
    const next = first.text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
    assert.match(next, new RegExp(`sort=${sort}&dir=${dir || 'asc'}`));
    const second = await get(`/parties/persons${next}`, { jar: sj });
    assert.match(second.text, /id="first-page"/);
    const all = [...codesOf(first.text), ...codesOf(second.text)];
    assert.deepEqual(all, Array.from({ length: 55 }, (_, i) => `${tag}-${String(expected(i)).padStart(2, '0')}`), `${sort} ${dir}`);
    // previous from the second page: the first page again, in its order, with nothing before it
    const prev = second.text.match(/id="prev-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
    const back = await get(`/parties/persons${prev}`, { jar: sj });
    assert.equal(back.status, 200);
    assert.deepEqual(codesOf(back.text), codesOf(first.text), `${sort} ${dir}: previous`);
    assert.doesNotMatch(back.text, /id="prev-page"/);
    assert.match(back.text, /id="next-page"/);
    // the current order's header turns it round (aria-sort on the column header, around its link)
    const header = first.text.match(new RegExp(`<th[^>]*><a [^>]*id="sort-${sort}"`))[0];
    assert.match(header, dir ? /aria-sort="descending"/ : /aria-sort="ascending"/);
    assert.match(first.text, new RegExp(`href="\\?[^"]*sort=${sort}${dir ? '"' : '&amp;dir=desc"'} id="sort-${sort}"`));
  }
  // a small list sorts by any column's value too, either way, paging by keyset: here city and phone
  const cities = sql("SELECT GROUP_CONCAT(id) FROM (SELECT id FROM places WHERE level = 'city' ORDER BY id LIMIT 3) x").split(',');
  sql(`UPDATE parties SET city_id = ELT(1 + CAST(SUBSTRING_INDEX(code, '-', -1) AS SIGNED) % 4, NULL, ${cities.join(', ')}),
    primary_phone = CONCAT('0912', LPAD(CAST(SUBSTRING_INDEX(code, '-', -1) AS SIGNED) * 37 % 100, 7, '0')) WHERE code LIKE '${tag}-%'`);
  for (const [sort, expr] of [['city', "COALESCE((SELECT name FROM places WHERE id = city_id), '')"], ['phone', 'primary_phone']]) {
    for (const dir of ['', 'desc']) {
      const expected = sql(`SELECT GROUP_CONCAT(code ORDER BY ${expr} ${dir}, id ${dir}) FROM parties WHERE code LIKE '${tag}-%'`).split(',');
      const first = await get(`/parties/persons?sort=${sort}${dir ? '&dir=desc' : ''}&cols=code,display_name,city,phone`, { jar: sj });
      assert.equal(first.status, 200);
      assert.doesNotMatch(first.text, /id="sort-refused"/);
      assert.match(first.text, new RegExp(`aria-sort="${dir ? 'descending' : 'ascending'}"><a [^>]*id="sort-${sort}"`));
      const next = first.text.match(/id="next-page" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
      const second = await get(`/parties/persons${next}`, { jar: sj });
      assert.deepEqual([...codesOf(first.text), ...codesOf(second.text)], expected, `${sort} ${dir}`);
      // the export has the same order
      const csv = await get(`/parties/persons/export?format=csv&sort=${sort}${dir ? '&dir=desc' : ''}&cols=code`, { jar: sj });
      assert.equal(csv.status, 200);
      assert.deepEqual(csv.text.split('\r\n').filter((l) => l.includes(`${tag}-`)).map((l) => l.split(',').pop()), expected);
    }
  }
  // columns that cannot be sorted by are plain headers
  assert.doesNotMatch((await get('/parties/persons?cols=code,display_name,experts', { jar: sj })).text, /id="sort-experts"/);
  assert.equal((await get('/parties/persons?sort=evil', { jar: sj })).status, 200, 'an unknown sort falls back to priority');
});

test('names with markup are escaped on every page, also when a worker renders a page it has parsed before', async () => {
  const jar = await adminSession();
  const evil = '<img src=x onerror=alert(1)>';
  const code = uniqueName('XSS');
  const id = await newPerson(jar, { code, last_name: evil, priority: 9 });
  for (let round = 0; round < 3; round++) {
    for (const url of [`/parties/party?id=${id}`, '/parties/persons?state=all', `/parties/search?partial=1&q=${code}`]) {
      const page = await get(url, { jar });
      assert.equal(page.status, 200, url);
      assert.ok(!page.text.includes('<img src=x'), `${url} round ${round}: raw markup`);
      assert.ok(page.text.includes('&lt;img src=x onerror=alert(1)&gt;'), `${url} round ${round}: escaped text`);
    }
  }
});

test('reference data kept by the workers follows every change at once, also one made in SQL by hand', async () => {
  const jar = await adminSession();
  const ranksOf = (html) => (html.match(/name="rank"[^>]*>([\s\S]*?)<\/select>/) || [null, ''])[1];
  // every worker has the lists loaded (several requests reach both)
  for (let i = 0; i < 4; i++) assert.equal((await get('/parties/persons', { jar })).status, 200);
  const name = uniqueName('R');
  sql(`INSERT INTO rank_types (name, color, sort) VALUES ('${name}', '#334455', 99)`);
  for (let i = 0; i < 4; i++) assert.match(ranksOf((await get('/parties/persons', { jar })).text), new RegExp(`>${name}<`), `request ${i}`);
  sql(`UPDATE rank_types SET name = '${name}x' WHERE name = '${name}'`);
  for (let i = 0; i < 4; i++) assert.match(ranksOf((await get('/parties/persons', { jar })).text), new RegExp(`>${name}x<`));
  sql(`DELETE FROM rank_types WHERE name = '${name}x'`);
  for (let i = 0; i < 4; i++) assert.doesNotMatch(ranksOf((await get('/parties/persons', { jar })).text), new RegExp(name));
  // a staff member's new name, in the experts filter
  const u = uniqueName('staff');
  createUser(u, 'staff-password-1', 'staff');
  sql(`UPDATE users SET display_name = 'Renamed ${u}' WHERE username = '${u}'`);
  for (let i = 0; i < 4; i++) assert.match((await get('/parties/persons', { jar })).text, new RegExp(`>Renamed ${u}<`));
});

test('ranks: added with a colour, renamed and recoloured; a taken name, a bad colour and a stale save change nothing', async () => {
  const jar = await adminSession();
  const page = await get('/parties/ranks', { jar });
  assert.equal(page.status, 200);
  assert.match(page.text, /id="ranks"[\s\S]*value="A"/);
  const csrf = csrfOf(page.text);
  const name = uniqueName('Gold');
  assert.equal((await postForm('/parties/rank/save', { csrf_token: csrf, name, color: '#123abc', sort: 50 }, jar)).status, 303);
  const id = sqlInt(`SELECT id FROM rank_types WHERE name = '${name}'`);
  assert.equal((await postForm('/parties/rank/save', { csrf_token: csrf, name, color: '#000000', sort: 1 }, jar)).status, 409);
  assert.equal((await postForm('/parties/rank/save', { csrf_token: csrf, name: `${name}2`, color: 'red', sort: 1 }, jar)).status, 422);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM rank_types WHERE name LIKE '${name}%'`), 1);
  assert.equal((await postForm('/parties/rank/save', { csrf_token: csrf, id, version: 1, name: `${name}x`, color: '#abcdef', sort: 55 }, jar)).status, 303);
  assert.equal((await postForm('/parties/rank/save', { csrf_token: csrf, id, version: 1, name: 'stale', color: '#000000', sort: 1 }, jar)).status, 409);
  assert.equal(sql(`SELECT CONCAT_WS(' ', name, color, sort, version) FROM rank_types WHERE id = ${id}`), `${name}x #abcdef 55 2`);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'rank_types' AND record_id = ${id}`), 2);
  // a party holding it shows the new colour at once
  const party = await newPerson(jar, {});
  const rp = await get(`/parties/party?id=${party}`, { jar });
  assert.equal((await postForm('/parties/ranking/add', { csrf_token: csrfOf(rp.text), party_id: party, rank_id: id, start_date: '1400/01/01' }, jar)).status, 303);
  assert.match((await get(`/parties/party?id=${party}`, { jar })).text, new RegExp(`fill="#abcdef"/></svg>${name}x<`));
  // view only: the screen without forms, a save refused
  const role = await roleWith(jar, { p_parties_view: 'all', p_home_view: 'all' });
  const u = uniqueName('rankview');
  createUser(u, 'rankview-password-1', role);
  const { jar: v } = await login(u, 'rankview-password-1');
  const vp = await get('/parties/ranks', { jar: v });
  assert.doesNotMatch(vp.text, /id="rank-new"/);
  assert.equal((await postForm('/parties/rank/save', { csrf_token: csrfOf(vp.text), id, version: 2, name: 'x', color: '#000000', sort: 1 }, v)).status, 403);
});

test('an employment added twice shows the person again, with the person\'s roles, not the company\'s', async () => {
  const jar = await adminSession();
  const person = await newPerson(jar, { last_name: 'Twice', role: lookup('party_role', 'customer') });
  const code = uniqueName('E');
  assert.equal((await createParty(jar, { kind: 'company', code, company_name: `Employer ${code}`,
    role: [lookup('party_role', 'supplier'), lookup('party_role', 'competitor')] })).status, 303); // more roles than the person
  const page = await get(`/parties/party?id=${person}`, { jar });
  const add = () => postForm('/parties/employment/add', { csrf_token: csrfOf(page.text), party_id: person, company_code: code, position: 'x' }, jar);
  assert.equal((await add()).status, 303);
  const again = await add();
  assert.equal(again.status, 422);
  const roles = again.text.match(/<dd id="f-roles">([\s\S]*?)<\/dd>/)[1];
  const supplier = sql(`SELECT name_fa FROM lookups WHERE kind = 'party_role' AND code = 'competitor'`);
  const customer = sql(`SELECT name_fa FROM lookups WHERE kind = 'party_role' AND code = 'customer'`);
  assert.ok(roles.includes(customer) && !roles.includes(supplier), roles);
  assert.match(again.text, /<h1[^>]*>[^<]*Twice/);
});

test('rows a page: chosen among sizes, kept by the pages before and after, in the user\'s digits; a size out of range is a 400', async () => {
  // a user who reads Persian digits
  const name = uniqueName('sizes');
  createUser(name, 'a long enough passphrase 7', 'admin');
  sql(`UPDATE users SET digits = 'persian' WHERE username = '${name}'`);
  const { jar } = await login(name, 'a long enough passphrase 7');
  const rowsOf = (html) => (html.match(/<tbody>([\s\S]*?)<\/tbody>/)[1].match(/<tr[ >]/g) || []).length;
  const first = await get('/parties/persons?sort=code&limit=25', { jar });
  assert.equal(first.status, 200);
  assert.equal(rowsOf(first.text), 25);
  const sizes = (html) => (html.match(/<select id="list-limit" name="limit">[\s\S]*?<\/select>/) || [''])[0];
  assert.equal(sizes((await get('/parties/persons?sort=code&limit=25', { jar })).text),
    '<select id="list-limit" name="limit"><option value="25" selected>۲۵</option><option value="50">۵۰</option><option value="100">۱۰۰</option><option value="200">۲۰۰</option></select>');
  const next = first.text.match(/id="next-page" href="\?([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(next, /(^|&)limit=25(&|$)/, 'the next page keeps the size');
  const second = await get(`/parties/persons?${next}`, { jar });
  assert.equal(rowsOf(second.text), 25);
  const prev = second.text.match(/id="prev-page" href="\?([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(prev, /(^|&)limit=25(&|$)/, 'and the previous one');
  // the first page again from the previous link: the same 25 rows
  const back = await get(`/parties/persons?${prev}`, { jar });
  const ids = (html) => [...html.matchAll(/name="id" value="(\d+)" form="bulk-form"/g)].map((m) => m[1]);
  assert.deepEqual(ids(back.text), ids(first.text));
  // the default is 50, and a size between the offered ones is offered as itself
  assert.equal(rowsOf((await get('/parties/persons', { jar })).text), 50);
  assert.match(sizes((await get('/parties/persons?limit=30', { jar })).text), /<option value="25">۲۵<\/option><option value="30" selected>۳۰<\/option><option value="50">/);
  for (const bad of ['5', '201', 'x', '-1']) assert.equal((await get(`/parties/persons?limit=${bad}`, { jar })).status, 400, bad);
  // an engine list too
  const users = await get('/admin/users?limit=10', { jar });
  assert.equal(users.status, 200);
  assert.match(sizes(users.text), /^<select id="list-limit" name="limit"><option value="10" selected>۱۰<\/option><option value="25">/);
});
