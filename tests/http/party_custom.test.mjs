// Custom fields on persons and companies (Administration > Fields), through the records engine:
// on the party form in their own section, saved in the party's transaction and audited with it,
// shown on the record page and History by their labels, and in the lists as columns, value sorts,
// filters read from their index, saved filters and exports. The details (income, city, religion...)
// go the same way: amounts kept in minor units, a deactivated list entry kept by the record holding it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, csrfOf, sql, sqlInt, adminPassword, login, uniqueName, createParty, newPerson, partyId, lookup, roleWith, createUser } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;

async function newField(jar, fields) {
  const page = await get('/admin/field/new', { jar });
  assert.equal(page.status, 200);
  const res = await postForm('/admin/field/create', { csrf_token: csrfOf(page.text), sort: 10, ...fields }, jar);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const id = sqlInt(`SELECT id FROM custom_fields WHERE label_en = '${fields.label_en}'`);
  for (let i = 0; i < 100 && sql(`SELECT state FROM custom_fields WHERE id = ${id}`) === 'pending'; i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.equal(sql(`SELECT state FROM custom_fields WHERE id = ${id}`), 'ready');
  return `cf_${id}`;
}

const labels = (tag, en) => ({ label_fa: `${en} ${tag} fa`, label_en: `${en} ${tag}`, label_tr: `${en} ${tag} tr` });

test('custom fields on persons: form, save with the party, record page, History, list column, filter, sort, saved filter, export', async () => {
  const jar = await adminSession();
  const tag = uniqueName('T');
  const badge = await newField(jar, { entity: 'persons', type: 'text', searchable: 1, ...labels(tag, 'Badge') });
  const budget = await newField(jar, { entity: 'persons', type: 'money', ...labels(tag, 'Budget') });
  const since = await newField(jar, { entity: 'persons', type: 'date', searchable: 1, ...labels(tag, 'Since') });
  const floor = await newField(jar, { entity: 'companies', type: 'int', ...labels(tag, 'Floor') });
  for (const cf of [badge, budget, since, floor])
    assert.equal(sqlInt(`SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'parties' AND COLUMN_NAME = '${cf}'`), 1);

  // the person form has the persons' fields in their section, not the companies'
  const form = await get('/parties/person/new', { jar });
  assert.match(form.text, new RegExp(`id="section-custom"[\\s\\S]*<label for="${badge}">Badge ${tag} fa`));
  assert.match(form.text, new RegExp(`name="${budget}"`));
  assert.doesNotMatch(form.text, new RegExp(`name="${floor}"`));
  assert.match((await get('/parties/company/new', { jar })).text, new RegExp(`name="${floor}"`));
  for (const kind of ['person', 'company'])
    assert.doesNotMatch((await get(`/parties/${kind}/new`, { jar })).text, /\w+\.(section|f)\.\w+/, 'every section and label has its words');

  // bad input on a custom field: its message on the field, nothing saved
  const bad = await createParty(jar, { code: uniqueName('CFX'), last_name: 'Bad', [budget]: '12abc', [since]: '1402/12/30' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, new RegExp(`id="${budget}-error">`));
  assert.match(bad.text, new RegExp(`id="${since}-error">`));
  assert.match(bad.text, new RegExp(`name="${budget}" value="12abc"`), 'shown again as typed');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE display_name = 'Bad' AND ${budget} IS NOT NULL`), 0);

  // saved with the party, in minor units, dates in ISO; one audit row with the built-in changes
  const code = uniqueName('CF');
  const other = uniqueName('CFO');
  const value = `GOLD${tag}`;
  const res = await createParty(jar, { code, first_name: 'Custom', last_name: `Holder${tag}`, [badge]: value,
    [budget]: '۱٬۲۵۰٬۰۰۰٫۵', [since]: '1403/01/01' });
  assert.equal(res.status, 303, res.text.slice(0, 400));
  const id = partyId(code);
  assert.equal(sql(`SELECT CONCAT_WS('|', ${badge}, ${budget}, ${since}) FROM parties WHERE id = ${id}`), `${value}|125000050|2024-03-20`);
  const otherId = await newPerson(jar, { code: other, last_name: `Other${tag}`, [badge]: `SILVER${tag}` });
  const audit = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'insert'`));
  assert.equal(audit[badge].new, value);
  assert.equal(audit.code.new, code);

  // the record page: each by its label, the amount grouped, the date in the reader's calendar
  const view = await get(`/parties/party?id=${id}`, { jar });
  assert.match(view.text, new RegExp(`<dt>Badge ${tag} fa</dt><dd id="f-${badge}">${value}<`));
  assert.match(view.text, new RegExp(`id="f-${budget}"><span dir="ltr">1,250,000.50<`));
  assert.match(view.text, new RegExp(`id="f-${since}"><span dir="ltr">1403/01/01<`));

  // edit: the stored values on the form; a change is one audit row naming the field by its label in History
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  assert.match(edit.text, new RegExp(`name="${since}" class="date" dir="ltr" size="11" value="1403/01/01"`));
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  const upd = await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version, kind: 'person', code,
    first_name: 'Custom', last_name: `Holder${tag}`, [badge]: value, [budget]: '99', [since]: '1403/01/01' }, jar);
  assert.equal(upd.status, 303);
  const changes = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'update' ORDER BY id DESC LIMIT 1`));
  assert.deepEqual(changes[budget], { old: '125000050', new: '9900' });
  assert.equal(changes[badge], undefined, 'an unchanged field is no change');
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text,
    new RegExp(`<span class="field">Budget ${tag} fa</span>: <del>1,250,000.50</del> → <ins>99</ins>`));

  // the list: a column, chosen like any other, with its own header
  const cols = `code,display_name,${badge},${budget}`;
  const list = await get(`/parties/persons?cols=${cols}&${badge}=${value}`, { jar });
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`Badge ${tag} fa`));
  assert.ok(list.text.includes(`party?id=${id}"`), 'the filter finds it');
  assert.ok(!list.text.includes(`party?id=${otherId}"`), 'and not the other');
  assert.match(list.text, new RegExp(`>${value}<`));
  // a date filter in the reader's calendar; a text filter is a prefix and finds both
  const byDate = await get(`/parties/persons?cols=${cols}&${since}=1403/01/01`, { jar });
  assert.ok(byDate.text.includes(`party?id=${id}"`) && !byDate.text.includes(`party?id=${otherId}"`));
  const prefix = await get(`/parties/persons?cols=${cols}&${badge}=${value.slice(0, 4)}`, { jar });
  assert.ok(prefix.text.includes(`party?id=${id}"`));
  // sorted by the field's value
  const sorted = await get(`/parties/persons?cols=${cols}&sort=${badge}&dir=desc&${badge}=`, { jar });
  const a = sorted.text.indexOf(`party?id=${otherId}"`), b = sorted.text.indexOf(`party?id=${id}"`);
  assert.ok(a >= 0 && b >= 0 && a < b, 'SILVER before GOLD, descending');
  // a value the field cannot hold is bad input, not an empty list
  assert.equal((await get(`/parties/persons?${since}=yesterday`, { jar })).status, 400);

  // a saved filter keeps the custom filter
  const page = await get('/parties/persons', { jar });
  const name = uniqueName('cff');
  const saved = await postForm('/parties/filter/save', { csrf_token: csrfOf(page.text), list: 'persons', filter_name: name,
    state: 'active', [badge]: value, cols }, jar);
  assert.equal(saved.status, 303);
  assert.match(sql(`SELECT query FROM saved_filters WHERE name = '${name}'`), new RegExp(`${badge}=${value}`));

  // the export: the field's label and the values, with the same filter
  const csv = await get(`/parties/persons/export?format=csv&cols=${cols}&${badge}=${value}`, { jar });
  assert.equal(csv.status, 200);
  assert.match(csv.text, new RegExp(`Badge ${tag} fa`));
  const lines = csv.text.trim().split(/\r?\n/);
  assert.equal(lines.length, 2, csv.text);
  assert.match(lines[1], new RegExp(`${value}.*99`));
});

test('details: a deactivated religion stays on the record that holds it and can no longer be chosen', async () => {
  const jar = await adminSession();
  const code = uniqueName('REL');
  const rel = lookup('religion', 'islam');
  const id = await newPerson(jar, { code, religion_id: rel, income: '1,000' });
  assert.equal(sqlInt(`SELECT income FROM parties WHERE id = ${id}`), 100000);
  sql(`UPDATE lookups SET is_active = 0 WHERE id = ${rel}`);
  try {
    const edit = await get(`/parties/party/edit?id=${id}`, { jar });
    const religions = (html) => html.match(/<select id="religion_id" name="religion_id">([\s\S]*?)<\/select>/)[1];
    assert.match(religions(edit.text), new RegExp(`<option value="${rel}" selected>`), 'still offered to the record holding it');
    const version = edit.text.match(/name="version" value="(\d+)"/)[1];
    const again = await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version, kind: 'person', code,
      last_name: 'Test', religion_id: rel, income: '1,000' }, jar);
    assert.equal(again.status, 303, again.text.slice(0, 300));
    assert.equal(sqlInt(`SELECT religion_id FROM persons WHERE party_id = ${id}`), rel);
    const fresh = await get('/parties/person/new', { jar });
    assert.doesNotMatch(religions(fresh.text), new RegExp(`<option value="${rel}"`), 'not offered to a new one');
    const refused = await createParty(jar, { code: uniqueName('REL'), last_name: 'X', religion_id: rel });
    assert.equal(refused.status, 422);
  } finally {
    sql(`UPDATE lookups SET is_active = 1 WHERE id = ${rel}`);
  }
});

test('a built-in detail made required for companies: refused without it, with a message on it; persons unaffected', async () => {
  const jar = await adminSession();
  const fields = await get('/admin/fields', { jar });
  assert.match(fields.text, /href="\/parties\/fields\/rules\?entity=companies"/);
  const page = await get('/parties/fields/rules?entity=companies', { jar });
  assert.equal(page.status, 200);
  assert.match(page.text, /value="brand"/);
  assert.equal((await get('/parties/fields/rules?entity=nowhere', { jar })).status, 404);
  const save = (required) => postForm('/parties/fields/rules/save', { csrf_token: csrfOf(page.text), entity: 'companies', required }, jar);
  assert.equal((await save(['brand'])).status, 303);
  try {
    const without = await createParty(jar, { kind: 'company', code: uniqueName('RQ'), company_name: 'No Brand' });
    assert.equal(without.status, 422);
    assert.match(without.text, /id="brand-error">/);
    assert.equal((await createParty(jar, { kind: 'company', code: uniqueName('RQ'), company_name: 'Branded', brand: 'B' })).status, 303);
    assert.equal((await createParty(jar, { code: uniqueName('RQ'), last_name: 'Person' })).status, 303, 'a person has no brand to lack');
    assert.equal(sqlInt("SELECT COUNT(*) FROM audit_log WHERE table_name = 'field_rules' AND details LIKE '%brand%'") > 0, true);
  } finally {
    assert.equal((await save([])).status, 303);
  }
});

test('roles: a deactivated role stays on the record that holds it (checked, kept on save) and can no longer be chosen', async () => {
  const jar = await adminSession();
  const code = uniqueName('ROL');
  const role = lookup('party_role', 'agent');
  const id = await newPerson(jar, { code, role });
  sql(`UPDATE lookups SET is_active = 0 WHERE id = ${role}`);
  try {
    const edit = await get(`/parties/party/edit?id=${id}`, { jar });
    assert.match(edit.text, new RegExp(`name="role" value="${role}" checked`), 'still offered to the record holding it');
    const version = edit.text.match(/name="version" value="(\d+)"/)[1];
    const again = await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version, kind: 'person', code,
      last_name: 'Test', role }, jar);
    assert.equal(again.status, 303, again.text.slice(0, 300));
    assert.equal(sqlInt(`SELECT COUNT(*) FROM party_roles WHERE party_id = ${id} AND role_id = ${role}`), 1);
    assert.doesNotMatch((await get('/parties/person/new', { jar })).text, new RegExp(`name="role" value="${role}"`));
    assert.equal((await createParty(jar, { code: uniqueName('ROL'), last_name: 'X', role })).status, 422);
  } finally {
    sql(`UPDATE lookups SET is_active = 1 WHERE id = ${role}`);
  }
  // History names the roles in the reader's language
  const audit = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'insert'`));
  assert.equal(audit.roles.new, sql(`SELECT name_fa FROM lookups WHERE id = ${role}`));
});

test('experts: only "assign" sets them; without it the form shows them and a save keeps them; a new party is its maker\'s', async () => {
  const admin = await adminSession();
  const role = await roleWith(admin, { p_parties_view: 'all', p_parties_create: 'all', p_parties_edit: 'all' });
  const name = uniqueName('noassign');
  createUser(name, 'noassign-password-1', role);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  const { jar } = await login(name, 'noassign-password-1');
  const code = uniqueName('EXP');
  assert.equal((await createParty(jar, { code, last_name: 'Mine', expert: 1 })).status, 303);
  const id = partyId(code);
  assert.equal(sql(`SELECT GROUP_CONCAT(user_id) FROM party_experts WHERE party_id = ${id}`), String(uid), 'its maker, not the one sent');
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  // shown, not changeable: among more staff than boxes fit, the names held as text, no list to pick from
  const staff = uniqueName('st').toLowerCase();
  sql(`INSERT INTO users (username, display_name, email, password_hash) SELECT CONCAT('${staff}-', seq), CONCAT('Staff ${staff} ', seq), '', 'x' FROM seq_1_to_13`);
  const edit2 = await get(`/parties/party/edit?id=${id}`, { jar });
  assert.match(edit2.text, new RegExp(`<span class="value held-list" id="experts"><span class="held" data-id="${uid}">${name}</span></span>`));
  assert.doesNotMatch(edit2.text, /<select id="experts"|name="expert"/);
  sql(`UPDATE users SET is_active = 0 WHERE username LIKE '${staff}-%'`);
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  assert.equal((await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version, kind: 'person', code,
    last_name: 'Mine', expert: 1 }, jar)).status, 303);
  assert.equal(sql(`SELECT GROUP_CONCAT(user_id) FROM party_experts WHERE party_id = ${id}`), String(uid), 'kept as stored');
  // the admin may assign
  const aedit = await get(`/parties/party/edit?id=${id}`, { jar: admin });
  const aversion = aedit.text.match(/name="version" value="(\d+)"/)[1];
  assert.equal((await postForm('/parties/party/update', { csrf_token: csrfOf(aedit.text), id, version: aversion, kind: 'person',
    code, last_name: 'Mine', expert: [1, uid] }, admin)).status, 303);
  assert.equal(sql(`SELECT GROUP_CONCAT(user_id ORDER BY user_id) FROM party_experts WHERE party_id = ${id}`), `1,${uid}`);
  const audit = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'update' ORDER BY id DESC LIMIT 1`));
  assert.ok(audit.experts && audit.experts.new.includes(sql('SELECT display_name FROM users WHERE id = 1')), JSON.stringify(audit));
});
