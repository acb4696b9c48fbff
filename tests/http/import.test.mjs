// CSV import: upload, column mapping (guessed from the header), a dry run with
// per-line errors that saves nothing, each duplicate choice, Windows code pages,
// a malformed file that changes nothing, and revert of a whole import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, post, postMultipart, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, postForm, iranNationalCode, newField, newEntry, newPerson, partyId } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;

async function upload(jar, data, { kind = 'person', encoding = 'auto', name = 'people.csv' } = {}) {
  const page = await get('/parties/import', { jar });
  assert.equal(page.status, 200);
  return postMultipart('/parties/import/upload', { csrf_token: csrfOf(page.text), kind, encoding },
    [{ field: 'file', name, data, type: 'text/csv' }], jar);
}

const importId = (res) => Number(res.headers.location.match(/id=(\d+)/)[1]);

// The mapping form as the page proposes it (its selected options), with changes.
async function preview(jar, id, choices = {}, overrides = {}) {
  const map = await get(`/parties/import/map?id=${id}`, { jar });
  assert.equal(map.status, 200);
  const fields = { csrf_token: csrfOf(map.text), id, version: map.text.match(/name="version" value="(\d+)"/)[1],
    dup_key: 'code', dup_action: 'skip', calendar: 'jalali', ...choices };
  for (const sel of map.text.matchAll(/<select name="(map_\d+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = sel[2].match(/<option value="([^"]*)" selected>/);
    fields[sel[1]] = chosen ? chosen[1] : '';
  }
  Object.assign(fields, overrides);
  return { res: await postForm('/parties/import/preview', fields, jar), fields };
}

// The run step hands the import to the job worker and sends the user to the job's page;
// the checks below read the database once the job has ended.
async function run(jar, previewRes, id) {
  const version = previewRes.text.match(/id="import-run"[\s\S]*?name="version" value="(\d+)"/)[1];
  const res = await postForm('/parties/import/run', { csrf_token: csrfOf(previewRes.text), id, version }, jar);
  if (res.status !== 303) return res;
  const job = Number(res.headers.location.match(/^\/home\/job\?id=(\d+)$/)[1]);
  const end = Date.now() + 30000;
  while (!['done', 'failed'].includes(sql(`SELECT state FROM jobs WHERE id = ${job}`))) {
    if (Date.now() > end) throw new Error(`import job ${job} did not end`);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(sql(`SELECT state FROM jobs WHERE id = ${job}`), 'done', sql(`SELECT error FROM jobs WHERE id = ${job}`));
  return res;
}

const count = (tag) => sqlInt(`SELECT COUNT(*) FROM parties WHERE code LIKE '${tag}%' AND is_deleted = 0`);

test('map, dry run, import with per-line errors, update of a match, then revert', async () => {
  const jar = await adminSession();
  const tag = uniqueName('I');
  // an existing person the file matches by code: its unmapped fields must survive
  const page = await get('/parties/person/new', { jar });
  assert.equal((await postForm('/parties/party/create', { csrf_token: csrfOf(page.text), kind: 'person', code: `${tag}-old`,
    first_name: 'Old', last_name: 'Name', notes: 'keep me', priority: 4 }, jar)).status, 303);
  const oldId = sqlInt(`SELECT id FROM parties WHERE code = '${tag}-old'`);
  const nid = iranNationalCode();
  const csv = '\uFEFFCode;نام;نام خانوادگی;Mobile;Birth date;National ID;Notes\r\n' +
    `${tag}-1;علي;رضایی;۰۹۱۲۱۱۱${String(Date.now()).slice(-4)};1403/12/30;${nid};"first; with ""quotes"""\r\n` +
    `${tag}-2;Bad;Nid;;;1234567890;\r\n` +
    `${tag}-3;Bad;Date;;1402/12/30;;\r\n` +
    `${tag}-4;No last name;;;;;\r\n` +
    `${tag}-old;Renamed;Name;;;;\r\n` +
    `${tag}-5;Şükrü;Yılmaz;;;;\r\n`;
  const up = await upload(jar, csv);
  assert.equal(up.status, 303, up.text.slice(0, 300));
  const id = importId(up);
  const map = await get(`/parties/import/map?id=${id}`, { jar });
  for (const [col, target] of [[0, 'code'], [1, 'first_name'], [2, 'last_name'], [3, 'mobile'], [4, 'birth_date'], [5, 'national_id'], [6, 'notes']])
    assert.match(map.text, new RegExp(`name="map_${col}"[^>]*>[\\s\\S]*?<option value="${target}" selected>`), `column ${col} guessed as ${target}`);

  // a field mapped twice is refused, and nothing runs
  const twice = await preview(jar, id, {}, { map_1: 'last_name' });
  assert.equal(twice.res.status, 422);
  const { res } = await preview(jar, id, { dup_action: 'update' });
  assert.equal(res.status, 200, res.text.slice(0, 400));
  const tot = (k) => Number(res.text.match(new RegExp(`id="t-${k}">(\\d+)<`))[1]);
  assert.deepEqual([tot('total'), tot('new'), tot('update'), tot('skip'), tot('error')], [6, 2, 1, 0, 3]);
  // each error names its field as the user reads it (admin reads Persian), never by its key
  assert.match(res.text, /کد ملی: /);
  assert.match(res.text, /تاریخ تولد: /);
  assert.match(res.text, /نام خانوادگی: /);
  assert.doesNotMatch(res.text, /(national_id|birth_date|last_name): /);
  assert.equal(count(tag), 1, 'the dry run saved nothing');
  assert.equal(sql(`SELECT first_name FROM persons WHERE party_id = ${oldId}`), 'Old');

  const done = await run(jar, res, id);
  assert.equal(done.status, 303);
  assert.equal(sql(`SELECT CONCAT_WS('|', rows_total, rows_created, rows_updated, rows_skipped, rows_failed, status) FROM imports WHERE id = ${id}`), '6|2|1|0|3|done');
  const p1 = sqlInt(`SELECT id FROM parties WHERE code = '${tag}-1'`);
  assert.equal(sql(`SELECT CONCAT_WS('|', pe.first_name, pe.last_name, pe.birth_date, p.national_id, p.notes) FROM parties p JOIN persons pe ON pe.party_id = p.id WHERE p.id = ${p1}`),
    `علي|رضایی|2025-03-20|${nid}|first; with "quotes"`);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_channels WHERE party_id = ${p1} AND type = 'mobile'`), 1);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${p1} AND action = 'insert'`), 1);
  assert.equal(sql(`SELECT CONCAT_WS('|', pe.first_name, p.notes, p.priority) FROM parties p JOIN persons pe ON pe.party_id = p.id WHERE p.id = ${oldId}`),
    'Renamed|keep me|4', 'only the fields the line gave changed');
  assert.equal(count(tag), 3);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE code IN ('${tag}-2', '${tag}-3', '${tag}-4')`), 0, 'bad lines leave nothing');
  const view = await get(`/parties/import/view?id=${id}`, { jar });
  assert.equal((view.text.match(/<tr><td>\d+<\/td><td>/g) || []).length, 3, 'each failed line with its message');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'imports' AND record_id = ${id} AND action = 'import'`), 1);
  // running again is refused
  assert.equal((await run(jar, res, id)).status, 409);

  const rv = await postForm('/parties/import/revert', { csrf_token: csrfOf(view.text), id,
    version: view.text.match(/id="import-revert"[\s\S]*?name="version" value="(\d+)"/)[1] }, jar);
  assert.equal(rv.status, 303);
  assert.equal(count(tag), 1, 'created parties went to the recycle bin');
  assert.equal(sqlInt(`SELECT is_deleted FROM parties WHERE id = ${p1}`), 1);
  assert.equal(sql(`SELECT CONCAT_WS('|', pe.first_name, p.display_name, p.notes) FROM parties p JOIN persons pe ON pe.party_id = p.id WHERE p.id = ${oldId}`),
    'Old|Old Name|keep me');
  assert.equal(sql(`SELECT status FROM imports WHERE id = ${id}`), 'reverted');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'imports' AND record_id = ${id} AND action = 'revert'`), 1);
});

test('duplicates: skip leaves the match alone, create makes a second record', async () => {
  const jar = await adminSession();
  const tag = uniqueName('D');
  const nid = iranNationalCode();
  const page = await get('/parties/person/new', { jar });
  assert.equal((await postForm('/parties/party/create', { csrf_token: csrfOf(page.text), kind: 'person', code: `${tag}-a`,
    last_name: 'Original', national_id: nid }, jar)).status, 303);
  const file = `code,last_name,national_id\n${tag}-b,Copy,${nid}\n`;
  const a = importId(await upload(jar, file));
  const skip = await preview(jar, a, { dup_key: 'national_id', dup_action: 'skip' });
  assert.match(skip.res.text, /id="t-skip">1</);
  assert.equal((await run(jar, skip.res, a)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE national_id = '${nid}'`), 1);
  assert.equal(sql(`SELECT action FROM import_rows WHERE import_id = ${a}`), 'skipped');

  const b = importId(await upload(jar, file));
  const create = await preview(jar, b, { dup_key: 'national_id', dup_action: 'create' });
  assert.match(create.res.text, /id="t-new">1</);
  assert.equal((await run(jar, create.res, b)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE national_id = '${nid}'`), 2);
});

test('Windows-1256 and Windows-1254 files; a file that is not UTF-8 asks for its encoding', async () => {
  const jar = await adminSession();
  const tag = uniqueName('W').toLowerCase();
  // "علي" in Windows-1256 (which has only the Arabic yeh), "Şİğ" in Windows-1254
  const fa = Buffer.concat([Buffer.from(`code,last_name\n${tag}-fa,`), Buffer.from([0xDA, 0xE1, 0xED]), Buffer.from('\n')]);
  const auto = await upload(jar, fa);
  assert.equal(auto.status, 422);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM imports WHERE file_name = 'people.csv' AND content LIKE '%${tag}%'`), 0);
  const up = await upload(jar, fa, { encoding: 'windows-1256' });
  assert.equal(up.status, 303);
  const id = importId(up);
  const p = await preview(jar, id);
  assert.equal((await run(jar, p.res, id)).status, 303);
  assert.equal(sql(`SELECT CONCAT(display_name, '|', name_norm) FROM parties WHERE code = '${tag}-fa'`), 'علي|علی',
    'stored as typed, searchable in the Persian form');
  const tr = Buffer.concat([Buffer.from(`code,company_name\n${tag}-tr,`), Buffer.from([0xDE, 0xDD, 0xF0]), Buffer.from(' A.'), Buffer.from([0xDE]), Buffer.from('.\n')]);
  const up2 = await upload(jar, tr, { encoding: 'windows-1254', kind: 'company' });
  assert.equal(up2.status, 303);
  const id2 = importId(up2);
  const p2 = await preview(jar, id2);
  assert.equal((await run(jar, p2.res, id2)).status, 303);
  assert.equal(sql(`SELECT CONCAT(kind, '|', display_name) FROM parties WHERE code = '${tag}-tr'`), 'company|Şİğ A.Ş.');
});

test('a malformed file is refused with its line and changes nothing', async () => {
  const jar = await adminSession();
  const tag = uniqueName('M');
  const imports = sqlInt('SELECT COUNT(*) FROM imports');
  const res = await upload(jar, `code,last_name\n${tag}-1,Fine\n${tag}-2,"never closed\n${tag}-3,Also fine\n`);
  assert.equal(res.status, 422);
  assert.match(res.text, /id="bad-line">3</);
  assert.equal(sqlInt('SELECT COUNT(*) FROM imports'), imports);
  assert.equal(count(tag), 0);
  assert.equal((await upload(jar, 'code,last_name\n')).status, 422, 'a header alone');
  const noName = importId(await upload(jar, `code,whatever\n${tag}-9,x\n`));
  const p = await preview(jar, noName, {}, { map_1: '' });
  assert.equal(p.res.status, 422, 'no column for the name');
});

// An importer who reads English, so messages compare as text.
const englishImporter = async () => {
  const name = uniqueName('imp');
  createUser(name, 'a long enough passphrase 4', 'admin');
  sql(`UPDATE users SET lang = 'en' WHERE username = '${name}'`);
  return (await login(name, 'a long enough passphrase 4')).jar;
};
const previewRows = (html) => [...html.matchAll(/<tr class="outcome-(\w+)"><td>(\d+)<\/td><td[^>]*>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><\/tr>/g)]
  .map((m) => ({ outcome: m[1], line: Number(m[2]), message: m[3] }));
const revert = async (jar, id) => {
  const view = await get(`/parties/import/view?id=${id}`, { jar });
  const rv = await postForm('/parties/import/revert', { csrf_token: csrfOf(view.text), id,
    version: view.text.match(/id="import-revert"[\s\S]*?name="version" value="(\d+)"/)[1] }, jar);
  assert.equal(rv.status, 303);
  return get(rv.headers.location, { jar });
};

test('revert keeps a created record a user has edited since, and says how many it kept', async () => {
  const jar = await englishImporter();
  const tag = uniqueName('K');
  const id = importId(await upload(jar, `code,last_name\n${tag}-1,Untouched\n${tag}-2,Edited\n`));
  const p = await preview(jar, id);
  assert.equal((await run(jar, p.res, id)).status, 303);
  const edited = sqlInt(`SELECT id FROM parties WHERE code = '${tag}-2'`);
  const form = await get(`/parties/party/edit?id=${edited}`, { jar });
  assert.equal((await postForm('/parties/party/update', { csrf_token: csrfOf(form.text), id: edited, kind: 'person', code: `${tag}-2`,
    last_name: 'Edited by hand', version: form.text.match(/name="version" value="(\d+)"/)[1] }, jar)).status, 303);
  const after = await revert(jar, id);
  assert.equal(sqlInt(`SELECT is_deleted FROM parties WHERE code = '${tag}-1'`), 1, 'the untouched one goes to the bin');
  assert.equal(sql(`SELECT CONCAT(is_deleted, '|', display_name) FROM parties WHERE id = ${edited}`), '0|Edited by hand', 'the edited one is kept');
  assert.match(after.text, /id="conflicts">Records changed since the import were left as they are: 1</);
});

test('a party twice in one file: the preview says which line it repeats, the run follows the duplicate rule', async () => {
  const jar = await englishImporter();
  for (const [action, outcome2, expectNids] of [['skip', 'skip', 1], ['update', 'update', 1], ['create', 'new', 2]]) {
    const tag = uniqueName('T'), nid = iranNationalCode(); // codes stay taken after a revert: fresh ones each time
    const file = `code,last_name,national_id\n${tag}-1,First,${nid}\n${tag}-2,Second,${nid}\n${tag}-1,Same code,\n`;
    const id = importId(await upload(jar, file));
    const p = await preview(jar, id, { dup_key: 'national_id', dup_action: action });
    const rows = previewRows(p.res.text);
    assert.deepEqual(rows.map((r) => r.outcome), ['new', outcome2, 'error'], action);
    assert.match(rows[1].message, /The same party as line 2/, action);
    assert.match(rows[2].message, /^Code: /, 'a code already on an earlier line is taken');
    assert.equal((await run(jar, p.res, id)).status, 303);
    assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE national_id = '${nid}' AND is_deleted = 0`), expectNids, action);
    assert.equal(sql(`SELECT GROUP_CONCAT(action ORDER BY line) FROM import_rows WHERE import_id = ${id}`),
      `created,${action === 'skip' ? 'skipped' : action === 'update' ? 'updated' : 'created'},failed`, action);
    if (action === 'update')
      assert.equal(sql(`SELECT display_name FROM parties WHERE code = '${tag}-1' AND is_deleted = 0`), 'Second', 'the rule chose to update');
    if (action === 'update') { // a revert undoes both lines: the first line's record goes, untouched by anyone else
      await revert(jar, id);
      assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE national_id = '${nid}' AND is_deleted = 0`), 0);
    } else {
      await revert(jar, id);
    }
  }
});

test('a NUL byte is refused at its line; extra cells past the header are reported, not dropped', async () => {
  const jar = await englishImporter();
  const tag = uniqueName('Z');
  const imports = sqlInt('SELECT COUNT(*) FROM imports');
  const nul = await upload(jar, Buffer.from(`code,last_name\n${tag}-1,Fine\n${tag}-2,Cut\0 here\n`));
  assert.equal(nul.status, 422);
  assert.match(nul.text, /NUL byte/);
  assert.match(nul.text, /id="bad-line">3</);
  assert.equal(sqlInt('SELECT COUNT(*) FROM imports'), imports, 'nothing kept');

  const id = importId(await upload(jar, `code,last_name\n${tag}-1,Fine,,\n${tag}-2,Wide,extra,more\n`));
  const p = await preview(jar, id);
  const rows = previewRows(p.res.text);
  assert.deepEqual(rows.map((r) => r.outcome), ['new', 'error'], 'empty trailing cells are no loss');
  assert.match(rows[1].message, /More cells than the header has columns; cells left over: 2/);
  assert.equal((await run(jar, p.res, id)).status, 303);
  assert.equal(count(tag), 1);
});

test('custom fields are import targets: guessed from their label, filled on new records and matches, reverted', async () => {
  const jar = await adminSession();
  const tag = uniqueName('CI');
  const fpage = await get('/admin/field/new', { jar });
  assert.equal((await postForm('/admin/field/create', { csrf_token: csrfOf(fpage.text), sort: 10, entity: 'persons', type: 'money',
    label_fa: `سقف ${tag}`, label_en: `Ceiling ${tag}`, label_tr: `Tavan ${tag}` }, jar)).status, 303);
  const fid = sqlInt(`SELECT id FROM custom_fields WHERE label_en = 'Ceiling ${tag}'`);
  for (let i = 0; i < 100 && sql(`SELECT state FROM custom_fields WHERE id = ${fid}`) === 'pending'; i++)
    await new Promise((r) => setTimeout(r, 100));
  const cf = `cf_${fid}`;
  const page = await get('/parties/person/new', { jar });
  assert.equal((await postForm('/parties/party/create', { csrf_token: csrfOf(page.text), kind: 'person', code: `${tag}-old`,
    last_name: 'Old', [cf]: '10' }, jar)).status, 303);
  const oldId = sqlInt(`SELECT id FROM parties WHERE code = '${tag}-old'`);
  // the header names the field in English; one line new, one a match, one a bad amount
  const csv = `code,last_name,Ceiling ${tag}\n${tag}-1,New,"1,500.25"\n${tag}-old,Old,20\n${tag}-2,Bad,twelve\n`;
  const up = await upload(jar, csv);
  assert.equal(up.status, 303);
  const id = importId(up);
  const map = await get(`/parties/import/map?id=${id}`, { jar });
  assert.match(map.text, new RegExp(`<option value="${cf}" selected>`), 'guessed from its label');
  const { res } = await preview(jar, id, { dup_action: 'update' });
  assert.equal(res.status, 200, res.text.slice(0, 400));
  assert.match(res.text, new RegExp(`سقف ${tag}: `), 'the bad amount named by the field\'s label');
  assert.doesNotMatch(res.text, new RegExp(`${cf}: `));
  assert.equal((await run(jar, res, id)).status, 303);
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE code = '${tag}-1'`), 150025);
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE id = ${oldId}`), 2000);
  const audit = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${oldId} AND action = 'update' ORDER BY id DESC LIMIT 1`));
  assert.deepEqual(audit[cf], { old: '1000', new: '2000' });
  await revert(jar, id);
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE id = ${oldId}`), 1000, 'the match has its old value again');
});

test('a custom link to a party is imported by the party\'s code', async () => {
  const jar = await adminSession();
  const tag = uniqueName('CL');
  const made = async (type, en) => {
    const fpage = await get('/admin/field/new', { jar });
    assert.equal((await postForm('/admin/field/create', { csrf_token: csrfOf(fpage.text), sort: 10, entity: 'persons', type,
      label_fa: `${en} ${tag} fa`, label_en: `${en} ${tag}`, label_tr: `${en} ${tag} tr` }, jar)).status, 303);
    const fid = sqlInt(`SELECT id FROM custom_fields WHERE label_en = '${en} ${tag}'`);
    for (let i = 0; i < 100 && sql(`SELECT state FROM custom_fields WHERE id = ${fid}`) === 'pending'; i++)
      await new Promise((r) => setTimeout(r, 100));
    return `cf_${fid}`;
  };
  const cf = await made('party', 'Agent');
  const page = await get('/parties/company/new', { jar });
  assert.equal((await postForm('/parties/party/create', { csrf_token: csrfOf(page.text), kind: 'company', code: `${tag}-co`,
    company_name: `Agent Co ${tag}` }, jar)).status, 303);
  const co = sqlInt(`SELECT id FROM parties WHERE code = '${tag}-co'`);
  const csv = `code,last_name,Agent ${tag}\n${tag}-1,New,${tag}-co\n${tag}-2,Bad,${tag}-nobody\n`;
  const up = await upload(jar, csv);
  assert.equal(up.status, 303);
  const id = importId(up);
  const map = await get(`/parties/import/map?id=${id}`, { jar });
  assert.match(map.text, new RegExp(`<option value="${cf}" selected>`), 'guessed from its label');
  const { res } = await preview(jar, id, {});
  assert.equal(res.status, 200, res.text.slice(0, 400));
  assert.match(res.text, new RegExp(`Agent ${tag} fa: `), 'the unknown code named by the field\'s label');
  assert.equal((await run(jar, res, id)).status, 303);
  assert.equal(sqlInt(`SELECT ${cf} FROM parties WHERE code = '${tag}-1'`), co);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE code = '${tag}-2'`), 0, 'the bad line is not imported');
});

test('choice fields are imported by an entry\'s code or its name in any language, several split on commas; an unknown entry refuses its line; a match is updated, named in History, and reverted', async () => {
  const jar = await englishImporter();
  const tag = uniqueName('CC');
  const tier = await newField(jar, { entity: 'persons', type: 'choice', label_fa: `رده ${tag}`, label_en: `Tier ${tag}`, label_tr: `Kademe ${tag}` });
  const sports = await newField(jar, { entity: 'persons', type: 'multichoice', label_fa: `ورزش ${tag}`, label_en: `Sports ${tag}`, label_tr: `Spor ${tag}` });
  const [ct, cs] = [`cf_${tier}`, `cf_${sports}`];
  const gold = await newEntry(jar, tier, 'gold', [`طلایی ${tag}`, `Gold ${tag}`, `Altın ${tag}`]);
  const silver = await newEntry(jar, tier, 'silver', [`نقره‌ای ${tag}`, `Silver ${tag}`, `Gümüş ${tag}`]);
  const golf = await newEntry(jar, sports, 'golf', [`گلف ${tag}`, `Golf ${tag}`, `Golf ${tag} tr`]);
  const cricket = await newEntry(jar, sports, 'cricket', [`کریکت ${tag}`, `Cricket ${tag}`, `Kriket ${tag}`]);
  const tennis = await newEntry(jar, sports, 'tennis', [`تنیس ${tag}`, `Tennis ${tag}`, `Tenis ${tag}`]);
  const old = await newPerson(jar, { code: `${tag}-old`, last_name: 'Old', [ct]: silver, [cs]: [tennis] });
  // by code; by the English name and the Persian one typed with Arabic kaf and yeh, a Persian comma
  // between; one unknown; the match by code, updated
  const csv = `code,last_name,Tier ${tag},Sports ${tag}\n${tag}-1,One,GOLD,"golf, cricket"\n` +
    `${tag}-2,Two,Silver ${tag},Golf ${tag}\u060C \u0643\u0631\u064A\u0643\u062A ${tag}\n${tag}-3,Three,Platinum,golf\n${tag}-4,Four,gold,golf;polo\n` +
    `${tag}-old,Old,gold,golf\n`;
  const id = importId(await upload(jar, csv));
  const map = await get(`/parties/import/map?id=${id}`, { jar });
  assert.match(map.text, new RegExp(`<option value="${ct}" selected>`), 'the choice guessed from its label');
  assert.match(map.text, new RegExp(`<option value="${cs}" selected>`), 'the several choices too');
  const { res } = await preview(jar, id, { dup_action: 'update', calendar: 'gregorian' });
  assert.equal(res.status, 200, res.text.slice(0, 400));
  const rows = previewRows(res.text);
  assert.deepEqual(rows.map((r) => r.outcome), ['new', 'new', 'error', 'error', 'update']);
  assert.equal(rows[2].message, `Tier ${tag}: not in its list: Platinum`);
  assert.equal(rows[3].message, `Sports ${tag}: not in its list: polo`);
  assert.equal((await run(jar, res, id)).status, 303);
  const one = partyId(`${tag}-1`), two = partyId(`${tag}-2`);
  const set = (p) => sql(`SELECT GROUP_CONCAT(lookup_id ORDER BY lookup_id) FROM cfv_${sports} WHERE record_id = ${p}`);
  const ids = (...xs) => xs.sort((a, b) => a - b).join(',');
  assert.equal(sqlInt(`SELECT ${ct} FROM parties WHERE id = ${one}`), gold);
  assert.equal(set(one), ids(golf, cricket));
  assert.equal(sqlInt(`SELECT ${ct} FROM parties WHERE id = ${two}`), silver);
  assert.equal(set(two), ids(golf, cricket), 'the Persian name typed with Arabic letters');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE code IN ('${tag}-3', '${tag}-4')`), 0, 'refused lines make nothing');
  // the match: both written, History by names
  assert.equal(sqlInt(`SELECT ${ct} FROM parties WHERE id = ${old}`), gold);
  assert.equal(set(old), String(golf));
  const audit = JSON.parse(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${old} AND action = 'update' ORDER BY id DESC LIMIT 1`));
  assert.deepEqual(audit[ct], { old: `Silver ${tag}`, new: `Gold ${tag}` });
  assert.deepEqual(audit[cs], { old: `Tennis ${tag}`, new: `Golf ${tag}` });
  const page = await get(`/parties/party?id=${old}`, { jar });
  assert.match(page.text, new RegExp(`<del>Silver ${tag}</del> → <ins>Gold ${tag}</ins>`));
  // the revert gives the match its old entries back; the new records go to the bin
  await revert(jar, id);
  assert.equal(sqlInt(`SELECT ${ct} FROM parties WHERE id = ${old}`), silver);
  assert.equal(set(old), String(tennis));
  assert.equal(sqlInt(`SELECT is_deleted FROM parties WHERE id = ${one}`), 1);
});