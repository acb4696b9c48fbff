// Custom fields of one choice and of several choices from a list of their own (entries kept in
// Managed lists as kind cf_<id>), and of a link to a person or company read in the reader's party
// scope: on the form, saved and audited with the party, on the record page, in History, as list
// columns and filters and in exports, by their labels, with no module code per field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, csrfOf, sql, sqlInt, adminPassword, login, uniqueName, createParty, newPerson, partyId, lookup, roleWith, createUser, newField, newEntry } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const labels = (tag, en) => ({ label_fa: `${en} ${tag} fa`, label_en: `${en} ${tag}`, label_tr: `${en} ${tag} tr` });

const tableExists = (t) => sqlInt(`SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${t}'`);

test('choice and several choices: their own lists, the form, save and audit, record page, History, list column and filter, export', async () => {
  const jar = await adminSession();
  const tag = uniqueName('C');
  // several choices cannot be searchable: refused with a message, nothing made
  const page = await get('/admin/field/new', { jar });
  assert.match(page.text, /<option value="multichoice">/);
  const refused = await postForm('/admin/field/create', { csrf_token: csrfOf(page.text), entity: 'persons', type: 'multichoice',
    searchable: 1, ...labels(tag, 'Refused') }, jar);
  assert.equal(refused.status, 422);
  assert.match(refused.text, /id="searchable-error">/);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM custom_fields WHERE label_en = 'Refused ${tag}'`), 0);

  const size = await newField(jar, { entity: 'persons', type: 'choice', searchable: 1, ...labels(tag, 'Size') });
  const tags = await newField(jar, { entity: 'persons', type: 'multichoice', ...labels(tag, 'Interests') });
  const cs = `cf_${size}`, ct = `cf_${tags}`;
  assert.equal(sqlInt(`SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'parties' AND INDEX_NAME = 'ix_${cs}'`) > 0, true);
  assert.equal(tableExists(`cfv_${tags}`), 1, 'several choices: a table of pairs');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'parties' AND COLUMN_NAME = '${ct}'`), 0);

  // the field's page leads to its list; the list is among the managed lists under the field's label
  assert.match((await get(`/admin/field?id=${size}`, { jar })).text, new RegExp(`id="field-entries"[^>]*|href="/parties/lists\\?kind=${cs}"`));
  const small = await newEntry(jar, size, 'small', `Small${tag}`);
  const large = await newEntry(jar, size, 'large', `Large${tag}`);
  const golf = await newEntry(jar, tags, 'golf', `Golf${tag}`);
  const chess = await newEntry(jar, tags, 'chess', `Chess${tag}`);
  const lists = await get(`/parties/lists?kind=${cs}`, { jar });
  assert.match(lists.text, new RegExp(`<h1>[^<]*</h1>[\\s\\S]*aria-current="page"[^>]*>Size ${tag} fa<`));
  assert.match(lists.text, new RegExp(`Small${tag} fa`));
  assert.equal((await get('/parties/lists?kind=cf_999999999', { jar })).status, 400, 'no such field: no such list');
  assert.equal((await get(`/parties/lists?kind=cf_${sqlInt("SELECT MIN(id) FROM custom_fields WHERE type = 'text'") || 999999998}`, { jar })).status, 400,
    'a field that is no choice has no list');

  // the form: one choice a select of its entries, several a box each
  const form = await get('/parties/person/new', { jar });
  assert.match(form.text, new RegExp(`<select id="${cs}" name="${cs}">[\\s\\S]*<option value="${small}">Small${tag} fa</option>`));
  assert.match(form.text, new RegExp(`name="${ct}" value="${golf}"`));
  assert.match(form.text, new RegExp(`name="${ct}" value="${chess}"`));

  // an entry of another list is no choice: refused, nothing saved
  const code0 = uniqueName('CH');
  const bad = await createParty(jar, { code: code0, last_name: 'Bad', [cs]: lookup('religion', 'islam'), [ct]: [golf] });
  assert.equal(bad.status, 422);
  assert.match(bad.text, new RegExp(`id="${cs}-error">`));
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE code = '${code0}'`), 0);
  const bad2 = await createParty(jar, { code: code0, last_name: 'Bad', [ct]: [golf, small] });
  assert.equal(bad2.status, 422, 'an entry of the other field\'s list');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE code = '${code0}'`), 0);

  // saved with the party: the one choice in its column, the several as pairs; one audit row names them
  const code = uniqueName('CH');
  const id = await newPerson(jar, { code, last_name: `Chooser${tag}`, [cs]: small, [ct]: [golf, chess] });
  const otherId = await newPerson(jar, { code: uniqueName('CH'), last_name: `Other${tag}`, [cs]: large });
  assert.equal(sqlInt(`SELECT ${cs} FROM parties WHERE id = ${id}`), small);
  assert.equal(sql(`SELECT GROUP_CONCAT(lookup_id ORDER BY lookup_id) FROM cfv_${tags} WHERE record_id = ${id}`), [golf, chess].sort((a, b) => a - b).join(','));
  const audit = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'insert'`));
  assert.equal(audit[cs].new, `Small${tag} fa`);
  assert.match(audit[ct].new, new RegExp(`Golf${tag} fa`));
  assert.match(audit[ct].new, new RegExp(`Chess${tag} fa`));

  // the record page by their labels, in the reader's language
  const view = await get(`/parties/party?id=${id}`, { jar });
  assert.match(view.text, new RegExp(`<dt>Size ${tag} fa</dt><dd id="f-${cs}">Small${tag} fa<`));
  assert.match(view.text, new RegExp(`id="f-${ct}">[^<]*Golf${tag} fa`));

  // a change: one taken away; History names it by its labels
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  assert.match(edit.text, new RegExp(`name="${ct}" value="${golf}" checked`));
  assert.match(edit.text, new RegExp(`<option value="${small}" selected>`));
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  const upd = await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version, kind: 'person', code,
    last_name: `Chooser${tag}`, [cs]: large, [ct]: [chess] }, jar);
  assert.equal(upd.status, 303, upd.text.slice(0, 300));
  assert.equal(sql(`SELECT GROUP_CONCAT(lookup_id) FROM cfv_${tags} WHERE record_id = ${id}`), String(chess));
  const history = (await get(`/parties/party?id=${id}`, { jar })).text;
  assert.match(history, new RegExp(`<span class="field">Size ${tag} fa</span>: <del>Small${tag} fa</del> → <ins>Large${tag} fa</ins>`));
  assert.match(history, new RegExp(`<span class="field">Interests ${tag} fa</span>`));

  // the list: both as columns by their labels; the one choice a filter (a select of its entries)
  const cols = `code,display_name,${cs},${ct}`;
  const list = await get(`/parties/persons?cols=${cols}&${cs}=${large}`, { jar });
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`<select name="${cs}" id="filter-${cs}">[\\s\\S]*<option value="${large}" selected>Large${tag} fa</option>`));
  assert.ok(list.text.includes(`party?id=${id}"`) && list.text.includes(`party?id=${otherId}"`), 'both hold Large now');
  assert.match(list.text, new RegExp(`Chess${tag} fa`));
  const none = await get(`/parties/persons?cols=${cols}&${cs}=${small}`, { jar });
  assert.ok(!none.text.includes(`party?id=${id}"`) && !none.text.includes(`party?id=${otherId}"`));
  assert.equal((await get(`/parties/persons?${cs}=big`, { jar })).status, 400, 'a choice filter takes an entry');

  // the export: the labels, as the page shows them
  const csv = await get(`/parties/persons/export?format=csv&cols=${cols}&${cs}=${large}&q=Chooser${tag}`, { jar });
  assert.equal(csv.status, 200);
  const lines = csv.text.trim().split(/\r?\n/);
  assert.equal(lines.length, 2, csv.text);
  assert.match(lines[0], new RegExp(`Interests ${tag} fa`));
  assert.match(lines[1], new RegExp(`Large${tag} fa.*Chess${tag} fa`));

  // a retired entry stays on the record holding it and is no longer offered to others
  sql(`UPDATE lookups SET is_active = 0 WHERE id = ${chess}`);
  try {
    const again = await get(`/parties/party/edit?id=${id}`, { jar });
    assert.match(again.text, new RegExp(`name="${ct}" value="${chess}" checked`));
    assert.doesNotMatch((await get('/parties/person/new', { jar })).text, new RegExp(`name="${ct}" value="${chess}"`));
  } finally {
    sql(`UPDATE lookups SET is_active = 1 WHERE id = ${chess}`);
  }

  // purged from the bin: its pairs go with it
  const del = await get(`/parties/party?id=${otherId}`, { jar });
  sql(`INSERT INTO cfv_${tags} (record_id, lookup_id) VALUES (${otherId}, ${golf})`);
  assert.equal((await postForm('/parties/party/delete', { csrf_token: csrfOf(del.text), id: otherId }, jar)).status, 303);
  const bin = await get('/parties/bin', { jar });
  assert.equal((await postForm('/parties/bin/purge', { csrf_token: csrfOf(bin.text), id: otherId }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE id = ${otherId}`), 0);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM cfv_${tags} WHERE record_id = ${otherId}`), 0);
});

test('a link to a person or company: typed as a code, named in the reader\'s party scope on the record, list, filter and export', async () => {
  const admin = await adminSession();
  const tag = uniqueName('L');
  // made without an order on the form: it takes the first place (0), not an error
  const field = await newField(admin, { entity: 'persons', type: 'party', searchable: 1, sort: '', ...labels(tag, 'Introducer') });
  assert.equal(sqlInt(`SELECT sort FROM custom_fields WHERE id = ${field}`), 0);
  const cf = `cf_${field}`;
  const form = await get('/parties/person/new', { jar: admin });
  assert.match(form.text, new RegExp(`name="${cf}"[^>]*data-lookup="/parties/lookup"|data-lookup="/parties/lookup"[^>]*name="${cf}"`), 'a type-ahead picker');

  const coCode = uniqueName('LCO');
  assert.equal((await createParty(admin, { kind: 'company', code: coCode, company_name: `Introducer Co ${tag}` })).status, 303);
  const co = partyId(coCode);
  // an unknown code is refused on the field
  const bad = await createParty(admin, { code: uniqueName('LP'), last_name: 'X', [cf]: 'NO-SUCH-CODE-1' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, new RegExp(`id="${cf}-error">`));

  const code = uniqueName('LP');
  const id = await newPerson(admin, { code, last_name: `Introduced${tag}`, [cf]: coCode.toLowerCase() });
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE id = ${id}`), co, 'the code, whatever its case');
  assert.match((await get(`/parties/party?id=${id}`, { jar: admin })).text, new RegExp(`id="f-${cf}">Introducer Co ${tag}<`));
  const cols = `code,display_name,${cf}`;
  const list = await get(`/parties/persons?cols=${cols}&${cf}=${coCode}`, { jar: admin });
  assert.ok(list.text.includes(`party?id=${id}"`), 'the filter by its code finds it');
  assert.match(list.text, new RegExp(`Introducer Co ${tag}`));
  const none = await get(`/parties/persons?cols=${cols}&${cf}=NO-SUCH-CODE-1`, { jar: admin });
  assert.ok(!none.text.includes(`party?id=${id}"`), 'a code that names nothing finds nothing');
  const csv = await get(`/parties/persons/export?format=csv&cols=${cols}&q=Introduced${tag}`, { jar: admin });
  assert.match(csv.text.trim().split(/\r?\n/)[1], new RegExp(`Introducer Co ${tag}`));

  // a user who sees the person but not the company: its name is nowhere, and their save keeps the link
  const role = await roleWith(admin, { p_parties_view: 'own', p_parties_edit: 'own', p_parties_export: 'own', p_home_view: 'all' });
  const name = uniqueName('lscope');
  createUser(name, 'lscope-password-1', role);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${id}, ${uid})`);
  const { jar } = await login(name, 'lscope-password-1');
  const seen = await get(`/parties/party?id=${id}`, { jar });
  assert.equal(seen.status, 200);
  const at = seen.text.indexOf(`Introducer Co ${tag}`);
  assert.equal(at, -1, `not on the record page: ${seen.text.slice(at - 300, at + 50)}`);
  const theirList = await get(`/parties/persons?cols=${cols}&q=Introduced${tag}`, { jar });
  assert.ok(theirList.text.includes(`party?id=${id}"`));
  assert.ok(!theirList.text.includes(`Introducer Co ${tag}`), 'not in the list column');
  const theirCsv = await get(`/parties/persons/export?format=csv&cols=${cols}&q=Introduced${tag}`, { jar });
  assert.equal(theirCsv.status, 200);
  assert.ok(!theirCsv.text.includes(`Introducer Co ${tag}`), 'not in the export');
  const byCode = await get(`/parties/persons?cols=${cols}&${cf}=${coCode}`, { jar });
  assert.ok(!byCode.text.includes(`party?id=${id}"`), 'nor found through it by its code');
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  assert.ok(!edit.text.includes(coCode), 'the form does not show its code');
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  const upd = await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version, kind: 'person', code,
    last_name: `Introduced${tag}`, first_name: 'Kept', [cf]: '' }, jar);
  assert.equal(upd.status, 303, upd.text.slice(0, 300));
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE id = ${id}`), co, 'the hidden link is kept, not dropped unseen');
  // nor can they point at it by typing its code: out of their scope, it is not found
  const other = await get(`/parties/party/edit?id=${id}`, { jar });
  const v2 = other.text.match(/name="version" value="(\d+)"/)[1];
  const typed = await postForm('/parties/party/update', { csrf_token: csrfOf(other.text), id, version: v2, kind: 'person', code,
    last_name: `Introduced${tag}`, [cf]: coCode }, jar);
  assert.equal(typed.status, 422);
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE id = ${id}`), co);
});

test('the engine\'s lists filter by a searchable custom field too: users by a choice and by a text\'s start', async () => {
  const jar = await adminSession();
  const tag = uniqueName('U');
  const region = await newField(jar, { entity: 'users', type: 'choice', searchable: 1, ...labels(tag, 'Region') });
  const badge = await newField(jar, { entity: 'users', type: 'text', searchable: 1, ...labels(tag, 'Desk') });
  const north = await newEntry(jar, region, 'north', `North${tag}`);
  const south = await newEntry(jar, region, 'south', `South${tag}`);
  const [a, b] = [uniqueName('ufa'), uniqueName('ufb')];
  createUser(a, 'filter-password-1');
  createUser(b, 'filter-password-1');
  const ida = sqlInt(`SELECT id FROM users WHERE username = '${a}'`), idb = sqlInt(`SELECT id FROM users WHERE username = '${b}'`);
  sql(`UPDATE users SET cf_${region} = ${north}, cf_${badge} = 'DESK-7' WHERE id = ${ida}`);
  sql(`UPDATE users SET cf_${region} = ${south}, cf_${badge} = 'ROOM-2' WHERE id = ${idb}`);

  const list = await get(`/admin/users?cf_${region}=${north}`, { jar });
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`<select id="filter-cf_${region}" name="cf_${region}">[\\s\\S]*<option value="${north}" selected>North${tag} fa</option>`));
  assert.ok(list.text.includes(`user?id=${ida}"`) && !list.text.includes(`user?id=${idb}"`), 'only the north user');
  assert.match(list.text, new RegExp(`<td class="col-cf_${region}"[^>]*>North${tag} fa</td>`), 'the column by its label');
  // the headers' sort links and the paging keep the filter
  assert.match(list.text, new RegExp(`href="/admin/users\\?sort=[a-z_0-9]+[^"]*&amp;cf_${region}=${north}"`));
  const desk = await get(`/admin/users?cf_${badge}=desk`, { jar });
  assert.ok(desk.text.includes(`user?id=${ida}"`) && !desk.text.includes(`user?id=${idb}"`), 'a text by its start, any case');
  assert.equal((await get(`/admin/users?cf_${region}=north`, { jar })).status, 400, 'a choice is an entry\'s id');
  // the export of the filtered list
  const csv = await get(`/admin/users/export?format=csv&cf_${region}=${south}`, { jar });
  assert.equal(csv.status, 200);
  assert.ok(csv.text.includes(b) && !csv.text.includes(a), csv.text.slice(0, 300));
});

test('a link to a user: typed by user name, an active one chosen, a retired one kept and still filtered by', async () => {
  const jar = await adminSession();
  const tag = uniqueName('W');
  const field = await newField(jar, { entity: 'persons', type: 'user', searchable: 1, ...labels(tag, 'Owner') });
  const cf = `cf_${field}`;
  const [live, gone] = [uniqueName('uown'), uniqueName('uold')];
  createUser(live, 'owner-password-1');
  createUser(gone, 'owner-password-1');
  sql(`UPDATE users SET display_name = 'Owner ${live}' WHERE username = '${live}'`);
  sql(`UPDATE users SET is_active = 0 WHERE username = '${gone}'`);
  const liveId = sqlInt(`SELECT id FROM users WHERE username = '${live}'`), goneId = sqlInt(`SELECT id FROM users WHERE username = '${gone}'`);
  // a retired user cannot be chosen
  const refused = await createParty(jar, { code: uniqueName('UL'), last_name: 'X', [cf]: gone });
  assert.equal(refused.status, 422);
  assert.match(refused.text, new RegExp(`id="${cf}-error">`));
  // an active one, by user name; shown by display name
  const code = uniqueName('UL');
  const id = await newPerson(jar, { code, last_name: `Owned${tag}`, [cf]: live });
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE id = ${id}`), liveId);
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text, new RegExp(`id="f-${cf}"><span dir="ltr">Owner ${live}<`));
  // retired after it was chosen: the record keeps it through a save, and a filter by the name finds it
  sql(`UPDATE parties SET ${cf} = ${goneId} WHERE id = ${id}`);
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  const upd = await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version, kind: 'person', code,
    last_name: `Owned${tag}`, first_name: 'Kept', [cf]: gone }, jar);
  assert.equal(upd.status, 303, upd.text.slice(0, 300));
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE id = ${id}`), goneId);
  const list = await get(`/parties/persons?cols=code,${cf}&${cf}=${gone}`, { jar });
  assert.ok(list.text.includes(`party?id=${id}"`), 'found by the retired user\'s name');
  const other = await get(`/parties/persons?cols=code,${cf}&${cf}=${live}`, { jar });
  assert.ok(!other.text.includes(`party?id=${id}"`));
});

test('several choices past twelve entries: one list to type into instead of a box each, posting the same ids', async () => {
  const jar = await adminSession();
  const tag = uniqueName('M');
  const field = await newField(jar, { entity: 'persons', type: 'multichoice', ...labels(tag, 'Brands') });
  const cf = `cf_${field}`;
  const ids = [];
  for (let i = 1; i <= 12; i++) ids.push(await newEntry(jar, field, `b${i}`, `Brand${i}${tag}`));
  // twelve: a box each
  let form = await get('/parties/person/new', { jar });
  assert.match(form.text, new RegExp(`<fieldset class="choices" id="${cf}"`));
  assert.match(form.text, new RegExp(`<input type="checkbox" name="${cf}" value="${ids[11]}"`));
  // thirteen: a multiple select (picker.js types into it), labelled, the same name and values
  ids.push(await newEntry(jar, field, 'b13', `Brand13${tag}`));
  form = await get('/parties/person/new', { jar });
  assert.doesNotMatch(form.text, new RegExp(`type="checkbox" name="${cf}"`));
  assert.match(form.text, new RegExp(`<label for="${cf}">Brands ${tag} fa</label>`));
  const select = form.text.match(new RegExp(`<select id="${cf}" name="${cf}" multiple size="6" data-picker="1">([\\s\\S]*?)</select>`));
  assert.ok(select, 'a multiple select');
  assert.equal([...select[1].matchAll(/<option value="(\d+)">/g)].length, 13);
  const code = uniqueName('MB');
  const id = await newPerson(jar, { code, last_name: `Brands${tag}`, [cf]: [ids[2], ids[12]] });
  assert.equal(sql(`SELECT GROUP_CONCAT(lookup_id ORDER BY lookup_id) FROM cfv_${field} WHERE record_id = ${id}`), `${ids[2]},${ids[12]}`);
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  assert.match(edit.text, new RegExp(`<option value="${ids[12]}" selected>Brand13${tag} fa</option>`));
  assert.match(edit.text, new RegExp(`<option value="${ids[0]}">Brand1${tag} fa</option>`));
  // one not of its list is refused as before, nothing saved
  const bad = await createParty(jar, { code: uniqueName('MB'), last_name: 'Bad', [cf]: [lookup('religion', 'islam')] });
  assert.equal(bad.status, 422);
  assert.match(bad.text, new RegExp(`<select id="${cf}" name="${cf}" multiple size="6" data-picker="1" aria-describedby="${cf}-error">`));
});
