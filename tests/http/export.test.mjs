// Exports: every format is read back by an independent reader (openpyxl for XLSX,
// xmllint against conf/export.xsd for XML, a CSV/TSV parser here) and compared
// with the database; formula text comes out inert; the export permission and its
// record scope hold; each export leaves one audit row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { get, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, postForm, roleWith, ROOT } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;

async function newPerson(jar, fields) {
  const page = await get('/parties/person/new', { jar });
  const code = fields.code || uniqueName('E');
  const res = await postForm('/parties/party/create', { csrf_token: csrfOf(page.text), kind: 'person', code, ...fields }, jar);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  return sqlInt(`SELECT id FROM parties WHERE code = '${code}'`);
}

// RFC 4180 parsing, written here so the C writer is checked by a second implementation.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const tmpFile = (name, data) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-export-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, data);
  return f;
};

async function groupOf(jar, ids) {
  const page = await get('/parties/groups', { jar });
  const name = uniqueName('EG');
  const res = await postForm('/parties/group/create', { csrf_token: csrfOf(page.text), name, parent_id: '' }, jar);
  assert.equal(res.status, 303);
  const group = sqlInt(`SELECT id FROM party_groups WHERE name = '${name}'`);
  for (const id of ids) {
    const p = await get(`/parties/party?id=${id}`, { jar });
    assert.equal((await postForm('/parties/party/groups', { csrf_token: csrfOf(p.text), party_id: id, group: [group] }, jar)).status, 303);
  }
  return group;
}

const COLS = 'code,display_name,national_id,income,birth_date,priority,notes';

test('every format carries the values the database holds; formula text is inert', async () => {
  const jar = await adminSession();
  const tag = uniqueName('X').toLowerCase();
  const ids = [
    await newPerson(jar, { code: `${tag}-1`, first_name: 'علي', last_name: 'کاظمی‌نژاد', income: '1250000.50', birth_date: '1403/12/30', priority: 7, notes: 'line one\nline "two", three' }),
    await newPerson(jar, { code: `${tag}-2`, first_name: 'İsmail', last_name: 'Şahinoğlu', income: '0.75', birth_date: '1379/01/01', priority: 3 }),
    await newPerson(jar, { code: `${tag}-3`, first_name: '', last_name: '=HYPERLINK("http://example.com","x")', notes: '+SUM(1,2)' }),
    await newPerson(jar, { code: `${tag}-4`, first_name: '', last_name: '@cmd', notes: '-2+3' }),
  ];
  const group = await groupOf(jar, ids);
  const db = sql(`SELECT CONCAT_WS('|', p.code, p.display_name, p.national_id, IFNULL(CAST(p.income / 100 AS DECIMAL(20, 2)), ''), IFNULL(pe.birth_date, ''), p.priority)
    FROM parties p JOIN persons pe ON pe.party_id = p.id WHERE p.id IN (${ids}) ORDER BY p.code`).split('\n').map((l) => l.split('|'));
  assert.equal(db.length, 4);
  const url = (format) => `/parties/persons/export?format=${format}&state=all&sort=code&group=${group}&cols=${COLS}`;
  const auditsBefore = sqlInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND details LIKE '%group=${group}%'`);

  // CSV: BOM, RFC 4180, ISO dates followed by the Jalali text (the admin's calendar).
  const csv = await get(url('csv'), { jar });
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /text\/csv/);
  assert.match(csv.headers['content-disposition'], /attachment; .*filename\*=UTF-8''.*\.csv/);
  // the file is dated in the admin's calendar, today in the site's time zone (ICU's Persian calendar as the witness)
  const jalali = (when) => Object.fromEntries(new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran',
    year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(when).map((p) => [p.type, p.value]));
  const named = decodeURIComponent(csv.headers['content-disposition'].replace(/^.*filename\*=UTF-8''/, ''));
  const today = [jalali(new Date()), jalali(new Date(Date.now() - 60000))].map((j) => `${j.year.replace(/\D/g, '')}-${j.month}-${j.day}`);
  assert.ok(today.some((d) => named.endsWith(`-${d}.csv`)), `${named} is dated ${today[0]}`);
  assert.deepEqual([...csv.body.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
  const rows = parseCsv(csv.text.slice(1));
  assert.equal(rows.length, 5);
  assert.equal(rows[0].length, 8, 'seven columns and the birth date in the Jalali calendar');
  rows.slice(1).forEach((r, i) => {
    const [code, name, nid, income, birth, prio] = db[i];
    assert.deepEqual([r[0], r[1].replace(/^'/, ''), r[2], r[3], r[4], r[6]], [code, name, nid, income, birth, prio]);
  });
  assert.equal(rows[1][5], '1403/12/30');
  assert.equal(rows[1][7], 'line one\nline "two", three');
  assert.equal(rows[3][1], `'=HYPERLINK("http://example.com","x")`);
  assert.equal(rows[3][7], "'+SUM(1,2)");
  assert.equal(rows[4][1], "'@cmd");
  assert.equal(rows[4][7], "'-2+3");

  // XLSX read by openpyxl: types, formats, sheet layout.
  const xlsx = await get(url('xlsx'), { jar });
  assert.equal(xlsx.status, 200);
  const dump = JSON.parse(execFileSync('/usr/bin/python3', [path.join(ROOT, 'tests/tools/xlsx_dump.py'), tmpFile('l.xlsx', xlsx.body)], { encoding: 'utf8' }));
  assert.equal(dump.rtl, true, 'right-to-left for a Persian user');
  assert.equal(dump.freeze, 'A2');
  assert.equal(dump.autofilter, 'A1:H5');
  assert.equal(dump.bold_header, true);
  assert.equal(dump.title, 'اشخاص');
  dump.rows.slice(1).forEach((r, i) => {
    const [code, name, nid, income, birth, prio] = db[i];
    assert.equal(r[0].v, code);
    assert.equal(r[1].v, name);
    assert.equal(r[1].t, 's', 'user text is a string, never a formula');
    assert.equal(r[2].v ?? '', nid);
    if (income) { assert.equal(r[3].t, 'n'); assert.equal(r[3].v, Number(income)); assert.equal(r[3].fmt, '#,##0.00'); }
    if (birth) { assert.equal(r[4].t, 'd'); assert.equal(r[4].v, birth); }
    assert.equal(r[6].t, 'n');
    assert.equal(r[6].v, Number(prio));
  });
  assert.equal(dump.rows[1][5].v, '1403/12/30');
  assert.equal(dump.rows[3][7].v, '+SUM(1,2)');
  assert.equal(dump.rows[3][7].t, 's');

  // XML valid against the published schema, values as stored.
  const xml = await get(url('xml'), { jar });
  assert.equal(xml.status, 200);
  execFileSync('xmllint', ['--noout', '--schema', path.join(ROOT, 'conf/export.xsd'), tmpFile('l.xml', xml.body)], { stdio: 'pipe' });
  assert.match(xml.text, /<count>4<\/count>/);
  assert.ok(xml.text.includes(`<v k="display_name">=HYPERLINK(&quot;http://example.com&quot;,&quot;x&quot;)</v>`));
  assert.ok(xml.text.includes(`<v k="birth_date" local="1403/12/30">2025-03-20</v>`));
  assert.ok(xml.text.includes(`<v k="income">1250000.50</v>`));

  // TXT: tab-separated, padded, in the user's calendar, formulas neutralized.
  const txt = await get(url('txt'), { jar });
  const lines = txt.text.trimEnd().split('\r\n').map((l) => l.split('\t').map((c) => c.trimEnd()));
  assert.equal(lines.length, 5);
  assert.deepEqual(lines[1].slice(0, 5), [db[0][0], db[0][1], db[0][2], '1250000.50', '1403/12/30']);
  assert.equal(lines[1][6], 'line one line "two", three');
  assert.equal(lines[3][1], `'=HYPERLINK("http://example.com","x")`);
  assert.ok(lines[0][0].length < txt.text.split('\t')[0].length, 'cells are padded to their width');

  // Word: a titled right-to-left document with the filters and every row.
  const doc = await get(url('doc'), { jar });
  assert.match(doc.headers['content-type'], /application\/msword/);
  assert.match(doc.text, /<body dir="rtl">/);
  assert.match(doc.text, /<h1>اشخاص<\/h1>/);
  assert.equal((doc.text.match(/<tr>/g) || []).length, 5);
  assert.ok(doc.text.includes('=HYPERLINK(&quot;http://example.com&quot;,&quot;x&quot;)'));
  assert.ok(doc.text.includes('<td>1403/12/30</td>'));

  // One audit row per export, with its rows and filters.
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND details LIKE '%group=${group}%'`) - auditsBefore, 5);
  const last = JSON.parse(sql(`SELECT details FROM audit_log WHERE action = 'export' AND details LIKE '%group=${group}%' ORDER BY id DESC LIMIT 1`));
  assert.equal(last.rows, 4);
  assert.equal(last.format, 'doc');
  assert.equal(last.list, 'persons');
});

test('export needs the export permission; its scope holds; the audit trail exports too', async () => {
  const jar = await adminSession();
  const viewer = await roleWith(jar, { p_parties_view: 'all', p_home_view: 'all' });
  const exporter = await roleWith(jar, { p_parties_view: 'all', p_parties_create: 'all', p_parties_export: 'own', p_home_view: 'all' });
  const v = uniqueName('ev'), e = uniqueName('ee');
  createUser(v, 'export-password-1', viewer);
  createUser(e, 'export-password-1', exporter);
  const vs = await login(v, 'export-password-1');
  const list = await get('/parties/persons', { jar: vs.jar });
  assert.equal(list.status, 200);
  assert.ok(!list.text.includes('id="export-xlsx"'), 'no export links without the permission');
  assert.equal((await get('/parties/persons/export?format=csv', { jar: vs.jar })).status, 403);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = '${v}' AND a.action = 'export'`), 0);
  const denial = JSON.parse(sql(`SELECT a.details FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = '${v}' AND a.action = 'denied'`));
  assert.deepEqual(denial, { method: 'GET', path: '/parties/persons/export', needs: 'parties.export' }, 'a denial is in the audit trail');

  const es = await login(e, 'export-password-1');
  const tag = uniqueName('S');
  const mine = [await newPerson(es.jar, { code: `${tag}-a`, last_name: 'Mine A' }), await newPerson(es.jar, { code: `${tag}-b`, last_name: 'Mine B' })];
  const others = await newPerson(jar, { code: `${tag}-c`, last_name: 'Not mine' });
  assert.ok(others);
  // Views all, exports only what is assigned to the user: the export holds the export scope.
  const listAll = await get(`/parties/persons?state=all&sort=code`, { jar: es.jar });
  assert.ok(listAll.text.includes('id="export-csv"'));
  const csv = await get('/parties/persons/export?format=csv&state=all&sort=code&cols=code,display_name', { jar: es.jar });
  assert.equal(csv.status, 200);
  const codes = parseCsv(csv.text.slice(1)).slice(1).map((r) => r[0]);
  const expected = sql(`SELECT p.code FROM parties p JOIN party_experts x ON x.party_id = p.id JOIN users u ON u.id = x.user_id
    WHERE u.username = '${e}' AND p.is_deleted = 0 AND p.kind = 'person' ORDER BY p.code`).split('\n');
  assert.deepEqual(codes, expected);
  assert.ok(codes.includes(`${tag}-a`) && codes.includes(`${tag}-b`) && !codes.includes(`${tag}-c`));
  const row = JSON.parse(sql(`SELECT a.details FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = '${e}' AND a.action = 'export'`));
  assert.equal(row.rows, mine.length);

  // Bad input: an unknown format or column is a 400 and writes nothing.
  const n = sqlInt(`SELECT COUNT(*) FROM audit_log WHERE user_id = (SELECT id FROM users WHERE username = '${e}')`);
  assert.equal((await get('/parties/persons/export?format=pdf', { jar: es.jar })).status, 400);
  assert.equal((await get('/parties/persons/export?format=csv&cols=code,password_hash', { jar: es.jar })).status, 400);
  assert.equal((await get('/parties/persons/export?format=csv&cols=brand', { jar: es.jar })).status, 400, 'a company column on persons');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE user_id = (SELECT id FROM users WHERE username = '${e}')`), n);

  // The admin's audit search exports the same rows it shows: this user's audit trail.
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${e}'`);
  const expectAudit = sql(`SELECT CONCAT_WS('|', action, table_name, IFNULL(record_id, '')) FROM audit_log WHERE user_id = ${uid} ORDER BY id DESC`).split('\n');
  const audit = await get(`/admin/audit/export?format=csv&user=${uid}`, { jar });
  assert.equal(audit.status, 200);
  const arows = parseCsv(audit.text.slice(1)).slice(1);
  // columns: when (ISO), when (Jalali), who, address, module, table, record, action, details
  assert.deepEqual(arows.map((r) => [r[7], r[5], r[6]].join('|')), expectAudit);
  assert.equal((await get(`/admin/audit/export?format=csv&user=${uid}`, { jar: es.jar })).status, 403);
});

test('the user list downloads too, with roles and status as shown', async () => {
  const jar = await adminSession();
  const page = await get('/admin/users', { jar });
  assert.match(page.text, /href="\/admin\/users\/export\?format=xlsx&amp;sort=username"/);
  const res = await get('/admin/users/export?format=csv&state=all', { jar }); // the list's filters hold: every state
  assert.equal(res.status, 200);
  const rows = parseCsv(res.text.slice(1));
  const db = sql(`SELECT CONCAT_WS('|', u.username, u.display_name, COALESCE((SELECT GROUP_CONCAT(ro.name ORDER BY ro.name SEPARATOR ', ')
    FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id), '')) FROM users u ORDER BY u.username`).split('\n');
  assert.equal(rows.length - 1, db.length);
  assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1], r[3]].join('|')), db);
  const xml = await get('/admin/users/export?format=xml', { jar });
  execFileSync('xmllint', ['--noout', '--schema', path.join(ROOT, 'conf/export.xsd'), tmpFile('u.xml', xml.body)], { stdio: 'pipe' });
});

test('an export has the list\'s order whichever way it is read', async () => {
  const jar = await adminSession();
  const tag = uniqueName('Ord');
  const ids = [];
  for (const n of ['b', 'd', 'a', 'c']) ids.push(await newPerson(jar, { last_name: `${tag} ${n}`, priority: 3 }));
  const group = await groupOf(jar, ids);
  const names = async (q) => {
    const res = await get(`/parties/persons/export?format=csv&group=${group}&cols=display_name&${q}`, { jar });
    assert.equal(res.status, 200);
    return parseCsv(res.text.replace(/^\uFEFF/, '')).slice(1).map((r) => r[0]);
  };
  assert.deepEqual(await names('sort=name'), ['a', 'b', 'c', 'd'].map((n) => `${tag} ${n}`));
  assert.deepEqual(await names('sort=name&dir=desc'), ['d', 'c', 'b', 'a'].map((n) => `${tag} ${n}`));
  assert.deepEqual(await names('sort=created&dir=desc'), ['c', 'a', 'd', 'b'].map((n) => `${tag} ${n}`));
  // the list page shows the same order
  const page = await get(`/parties/persons?group=${group}&sort=name&dir=desc`, { jar });
  const shown = [...page.text.matchAll(new RegExp(`>(${tag} [a-d])<`, 'g'))].map((m) => m[1]);
  assert.deepEqual(shown, ['d', 'c', 'b', 'a'].map((n) => `${tag} ${n}`));
});

test('the audit export names a user with a long name in its filters (a failed lookup is never an empty name)', async () => {
  const jar = await adminSession();
  const name = uniqueName('long');
  createUser(name, 'a long enough passphrase 2', 'staff');
  const display = 'ن'.repeat(128); // 256 bytes of UTF-8: the column's whole width
  sql(`UPDATE users SET display_name = '${display}' WHERE username = '${name}'`);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  const res = await get(`/admin/audit/export?format=xml&user=${uid}`, { jar });
  assert.equal(res.status, 200);
  assert.match(res.text, new RegExp(`<filter label="[^"]*">${display}</filter>`));
});
