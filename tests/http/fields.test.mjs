// Administration > Fields: custom fields added to an entity without module code, their column
// added online by the job worker, then on the form, record, list (column, text box, sort),
// export and History; built-in rules stay. Only `configure` reaches the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, csrfOf, sql, sqlInt, adminPassword, login, uniqueName, roleWith, createUser } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;

async function newField(jar, fields) {
  const page = await get('/admin/field/new', { jar });
  assert.equal(page.status, 200);
  return postForm('/admin/field/create', { csrf_token: csrfOf(page.text), sort: 10, ...fields }, jar);
}

async function ready(id) {
  for (let i = 0; i < 100; i++) {
    const state = sql(`SELECT state FROM custom_fields WHERE id = ${id}`);
    if (state !== 'pending') return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  return 'pending';
}

const column = (table, name) => sqlInt(`SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_NAME = '${table}' AND COLUMN_NAME = '${name}'`);
const indexed = (table, name) => sqlInt(`SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
  AND TABLE_NAME = '${table}' AND INDEX_NAME = 'ix_${name}'`);

test('only configure reaches the fields screen', async () => {
  const admin = await adminSession();
  const role = await roleWith(admin, { p_admin_view: 'all', p_admin_edit: 'all', p_admin_create: 'all' });
  const name = uniqueName('nf');
  createUser(name, 'fields-password-1', role);
  const { jar } = await login(name, 'fields-password-1');
  assert.equal((await get('/admin/fields', { jar })).status, 403);
  assert.doesNotMatch((await get('/admin/users', { jar })).text, /href="\/admin\/fields"/);
});

test('a searchable custom field: its column and index come online, then it is on the form, list, search, export and History', async () => {
  const jar = await adminSession();
  const tag = uniqueName('Badge');
  const made = await newField(jar, { entity: 'users', type: 'text', label_fa: `نشان ${tag}`, label_en: `Badge ${tag}`,
    label_tr: `Rozet ${tag}`, searchable: 1 });
  assert.equal(made.status, 303, made.text.slice(0, 300));
  const id = sqlInt(`SELECT id FROM custom_fields WHERE label_en = 'Badge ${tag}'`);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM jobs WHERE kind = 'fields.apply' AND idem_key = 'field:${id}'`), 1, 'asked in the same transaction');
  assert.equal(await ready(id), 'ready');
  const cf = `cf_${id}`;
  assert.equal(column('users', cf), 1);
  assert.equal(indexed('users', cf), 1);
  // on the form, in its section, labelled in the reader's language (Persian)
  const uname = uniqueName('cfu');
  sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES ('${uname}', 'Custom Holder', '', 'x')`);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${uname}'`);
  const page = await get(`/admin/user?id=${uid}`, { jar });
  assert.match(page.text, new RegExp(`id="section-custom"[\\s\\S]*<label for="${cf}">نشان ${tag}`));
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const value = `GOLD${tag}`;
  const saved = await postForm('/admin/user/update', { csrf_token: csrfOf(page.text), id: uid, version, display_name: 'Custom Holder',
    email: '', lang: 'fa', calendar: 'jalali', digits: 'latin', week_start: 6, role: sqlInt("SELECT id FROM roles WHERE name = 'staff'"),
    [cf]: value }, jar);
  assert.equal(saved.status, 303);
  assert.equal(sql(`SELECT ${cf} FROM users WHERE id = ${uid}`), value);
  const shown = await get(`/admin/user?id=${uid}`, { jar });
  assert.match(shown.text, new RegExp(`<span class="field">نشان ${tag}</span>: <del>—</del> → <ins>${value}</ins>`), 'History by its label');
  // the list: a column, and the text box finds by it (through its index)
  const found = await get(`/admin/users?q=${value}`, { jar });
  assert.match(found.text, new RegExp(`href="/admin/user\\?id=${uid}">${uname}<`));
  assert.match(found.text, new RegExp(`<td class="col-${cf}"[^>]*>${value}</td>`));
  // an order of its own, from its index (its NULLs paged in engine_lists.test.mjs)
  const sorted = await get(`/admin/users?sort=${cf}&dir=desc`, { jar });
  assert.equal(sorted.status, 200);
  assert.match(sorted.text, new RegExp(`href="/admin/user\\?id=${uid}"`), 'the one with a value first, descending');
  const csv = await get(`/admin/users/export?format=csv&q=${value}`, { jar });
  assert.equal(csv.status, 200);
  assert.match(csv.text, new RegExp(`Badge ${tag}|نشان ${tag}`));
  assert.match(csv.text, new RegExp(value));
});

test('a required custom field and refused definitions: messages on their fields, nothing made', async () => {
  const jar = await adminSession();
  const tag = uniqueName('Req');
  const before = sqlInt('SELECT COUNT(*) FROM custom_fields');
  const bad = await newField(jar, { entity: 'users', type: 'longtext', label_fa: 'x', label_en: 'x', label_tr: 'x', searchable: 1 });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /id="searchable-error"/);
  const noLabel = await newField(jar, { entity: 'users', type: 'text', label_fa: '', label_en: 'x', label_tr: 'x' });
  assert.equal(noLabel.status, 422);
  assert.match(noLabel.text, /id="label_fa-error"/);
  const noEntity = await newField(jar, { entity: 'parties_secret', type: 'text', label_fa: 'x', label_en: 'x', label_tr: 'x' });
  assert.equal(noEntity.status, 422);
  assert.equal(sqlInt('SELECT COUNT(*) FROM custom_fields'), before);
  assert.equal((await newField(jar, { entity: 'teams', type: 'int', label_fa: `ت ${tag}`, label_en: `Size ${tag}`, label_tr: `B ${tag}`,
    required: 1 })).status, 303);
  const id = sqlInt(`SELECT id FROM custom_fields WHERE label_en = 'Size ${tag}'`);
  assert.equal(await ready(id), 'ready');
  const list = await get('/admin/teams', { jar });
  const refused = await postForm('/admin/team/create', { csrf_token: csrfOf(list.text), name: uniqueName('tq') }, jar);
  assert.equal(refused.status, 422);
  assert.match(refused.text, new RegExp(`id="cf_${id}-error"`));
  const name = uniqueName('tq');
  assert.equal((await postForm('/admin/team/create', { csrf_token: csrfOf(list.text), name, [`cf_${id}`]: '۱۲' }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT cf_${id} FROM teams WHERE name = '${name}'`), 12, 'typed in Persian digits');
  // deactivated, it leaves the form (and no longer binds other tests' teams)
  const fieldPage = await get(`/admin/field?id=${id}`, { jar });
  assert.equal((await postForm('/admin/field/active', { csrf_token: csrfOf(fieldPage.text), id, active: 0 }, jar)).status, 303);
  const after = await postForm('/admin/team/create', { csrf_token: csrfOf(list.text), name: uniqueName('tq') }, jar);
  assert.equal(after.status, 303);
});

test('a built-in optional field made required: saves without it are refused until the rule goes', async () => {
  const jar = await adminSession();
  const rules = await get('/admin/fields/rules?entity=users', { jar });
  assert.equal(rules.status, 200);
  assert.match(rules.text, /name="required" value="email"/);
  assert.doesNotMatch(rules.text, /value="username"|value="last_login_at"/, 'only optional, typed fields');
  const csrf = csrfOf(rules.text);
  assert.equal((await postForm('/admin/fields/rules/save', { csrf_token: csrf, entity: 'users', required: 'password_hash' }, jar)).status, 400);
  assert.equal((await postForm('/admin/fields/rules/save', { csrf_token: csrf, entity: 'users', required: 'email' }, jar)).status, 303);
  assert.equal(sqlInt("SELECT COUNT(*) FROM audit_log WHERE table_name = 'field_rules' AND details LIKE '%email%'") >= 1, true);
  const uname = uniqueName('rq');
  sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES ('${uname}', 'Rule Subject', '', 'x')`);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${uname}'`);
  const page = await get(`/admin/user?id=${uid}`, { jar });
  assert.match(page.text, /<label for="email">[^<]*<span class="required"/);
  const base = { csrf_token: csrfOf(page.text), id: uid, version: page.text.match(/name="version" value="(\d+)"/)[1],
    display_name: 'Rule Subject', lang: 'fa', calendar: 'jalali', digits: 'latin', week_start: 6 };
  const refused = await postForm('/admin/user/update', { ...base, email: '' }, jar);
  assert.equal(refused.status, 422);
  assert.match(refused.text, /id="email-error"/);
  assert.equal((await postForm('/admin/fields/rules/save', { csrf_token: csrf, entity: 'users' }, jar)).status, 303);
  assert.equal((await postForm('/admin/user/update', { ...base, email: '' }, jar)).status, 303);
});

test('a conflict shows what was saved meanwhile as the page shows it: money grouped, not minor units', async () => {
  const jar = await adminSession();
  const tag = uniqueName('Limit');
  const made = await newField(jar, { entity: 'users', type: 'money', label_fa: `سقف ${tag}`, label_en: `Limit ${tag}`,
    label_tr: `Limit ${tag}` });
  assert.equal(made.status, 303, made.text.slice(0, 300));
  const id = sqlInt(`SELECT id FROM custom_fields WHERE label_en = 'Limit ${tag}'`);
  assert.equal(await ready(id), 'ready');
  const cf = `cf_${id}`;
  const uname = uniqueName('cfm');
  sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES ('${uname}', 'Money Holder', '', 'x')`);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${uname}'`);
  const page = await get(`/admin/user?id=${uid}`, { jar });
  const base = { csrf_token: csrfOf(page.text), id: uid, version: page.text.match(/name="version" value="(\d+)"/)[1],
    display_name: 'Money Holder', email: '', lang: 'fa', calendar: 'jalali', digits: 'latin', week_start: 6,
    role: sqlInt("SELECT id FROM roles WHERE name = 'staff'") };
  assert.equal((await postForm('/admin/user/update', { ...base, [cf]: '1,250,000.50' }, jar)).status, 303);
  assert.equal(sql(`SELECT ${cf} FROM users WHERE id = ${uid}`), '125000050');
  const stale = await postForm('/admin/user/update', { ...base, [cf]: '99' }, jar);
  assert.equal(stale.status, 409);
  const stored = stale.text.match(new RegExp(`id="${cf}-stored">([^<]*)<`));
  assert.ok(stored, 'the stored value is shown beside the field');
  assert.match(stored[1], /1,250,000\.50|۱٬۲۵۰٬۰۰۰٫۵۰/);
  assert.doesNotMatch(stored[1], /125000050/);
  assert.equal(sql(`SELECT ${cf} FROM users WHERE id = ${uid}`), '125000050', 'the stale save changed nothing');
});
