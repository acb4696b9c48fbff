// The phone book's search cases (issue 12): a number by its leading digits in any form and by its
// tail (zeros kept), ZWNJ compounds with spaces, without them or with ZWNJ, notes by their words,
// results with the employer, the primary email and tel: links, and rows saved before these terms
// existed given them by the rebuild job (sql/025_search_keys.sql).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BUILD, ROOT, get, csrfOf, sql, sqlInt, adminPassword, login, uniqueName, postForm, createParty, newPerson }
  from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const results = async (jar, q) => {
  const res = await get(`/parties/search?partial=1&q=${encodeURIComponent(q)}`, { jar });
  assert.equal(res.status, 200);
  return res.text;
};
const searchIds = async (jar, q) => [...(await results(jar, q)).matchAll(/party\?id=(\d+)/g)].map((m) => Number(m[1]));
const digits = (s, zero) => s.replace(/[0-9]/g, (c) => String.fromCharCode(zero + Number(c)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// a number of its own each run: 0912123, then a 4-digit tail that starts with 0
const tail = `0${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
const mobile = `0912123${tail}`;

test('a number is found by its leading digits in any form and by its tail, zeros kept', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, { last_name: uniqueName('Lead'), mobile, priority: 9, confirm_duplicate: 1 });
  assert.equal(sql(`SELECT term FROM party_search WHERE party_id = ${id} AND kind = 'f'`), `+98912123${tail}`);
  for (const q of ['0912123', digits('0912123', 0x06F0), digits('0912123', 0x0660), '+98 912 123', '912123', '0912',
    '0098 912 123', '98912123', '(0912) 123', mobile, digits(mobile, 0x06F0), `+98 ${mobile.slice(1)}`, tail, `123${tail}`])
    assert.ok((await searchIds(jar, q)).includes(id), `"${q}" finds ${mobile}`);
  // what the number does not start or end with
  for (const q of ['+90 912 123', '0913', `9${tail}1`, '2123'])
    assert.ok(!(await searchIds(jar, q)).includes(id), `"${q}" does not find ${mobile}`);
});

test('results show the employer, the primary email, and phones as tel: links', async () => {
  const jar = await adminSession();
  const name = uniqueName('Shown');
  const company = uniqueName('SC');
  assert.equal((await createParty(jar, { kind: 'company', code: company, company_name: `شرکت ${company}` })).status, 303);
  const id = await newPerson(jar, { last_name: name, mobile: `۰۹۳۵ ۱۱۱ ${digits(tail, 0x06F0)}`, email: `${name}@example.com`,
    confirm_duplicate: 1 });
  const page = await get(`/parties/party?id=${id}`, { jar });
  assert.equal((await postForm('/parties/employment/add', { csrf_token: csrfOf(page.text), party_id: id,
    company_code: company, position: 'کارشناس' }, jar)).status, 303);
  const html = await results(jar, name);
  const row = html.match(new RegExp(`<li[^>]*>\\s*<a class="result-link" href="/parties/party\\?id=${id}"[\\s\\S]*?</li>`));
  assert.ok(row, html);
  assert.match(row[0], new RegExp(`class="result-company"[^>]*>شرکت ${company}<`));
  assert.match(row[0], new RegExp(`href="mailto:${name}%40example.com"[^>]*>${name}@example.com<`, 'i'));
  assert.match(row[0], new RegExp(`href="tel:\\+98935111${tail}"`));
  // the full page loads the script that walks the results by arrow keys (no inline script: CSP)
  const fullPage = await get(`/parties/search?q=${encodeURIComponent(name)}`, { jar });
  assert.match(fullPage.text, /<script src="\/static\/js\/phonebook\.js"><\/script>/);
});

test('a ZWNJ compound is found with spaces, without them, or with ZWNJ; in a name and in notes', async () => {
  const jar = await adminSession();
  const mark = uniqueName('zw').toLowerCase();
  const inName = await newPerson(jar, { first_name: mark, last_name: 'مهندسی‌نرم‌افزار' });
  const inNotes = await newPerson(jar, { last_name: uniqueName('Notes'), notes: `${mark}: کارشناس مهندسی‌نرم‌افزار، از نمایشگاه` });
  for (const q of ['مهندسی نرم افزار', 'مهندسی‌نرم‌افزار', 'مهندسینرمافزار', 'نرم افزار', 'نرم‌افزار', 'مهندسی نرم‌افزار']) {
    const ids = await searchIds(jar, `${mark} ${q}`);
    assert.ok(ids.includes(inName), `"${q}" in a name`);
    assert.ok(ids.includes(inNotes), `"${q}" in notes`);
  }
  assert.ok(!(await searchIds(jar, `${mark} افزار نرم مهندسیx`)).includes(inName), 'every word still has to match');
});

test('notes are searchable by their words, and an edited note by its new words only', async () => {
  const jar = await adminSession();
  const old = uniqueName('oldword').toLowerCase(), fresh = uniqueName('newword').toLowerCase();
  const id = await newPerson(jar, { notes: `Met at the fair (${old}); wants a quote.\nCall back in spring` });
  assert.ok((await searchIds(jar, old)).includes(id), 'a word of the note');
  assert.ok((await searchIds(jar, `${old} spring`)).includes(id), 'two words of the note');
  assert.ok((await searchIds(jar, old.toUpperCase())).includes(id), 'any case');
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  const code = sql(`SELECT code FROM parties WHERE id = ${id}`);
  assert.equal((await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version, code, last_name: 'Test',
    notes: `now ${fresh}` }, jar)).status, 303);
  assert.ok((await searchIds(jar, fresh)).includes(id), 'the new word');
  assert.ok(!(await searchIds(jar, old)).includes(id), 'not the old one');
});

test('rows saved before the new terms get them from the rebuild job; the migration enqueues it', async () => {
  const jar = await adminSession();
  const word = uniqueName('legacy').toLowerCase();
  const id = await newPerson(jar, { last_name: 'نرم‌افزار', notes: word, mobile: `0912777${tail}`, confirm_duplicate: 1 });
  const terms = () => sql(`SELECT GROUP_CONCAT(CONCAT(kind, ':', term) ORDER BY kind, term SEPARATOR ' ') FROM party_search WHERE party_id = ${id}`);
  const now = terms();
  // the terms as the code before wrote them: no forward phone key, no notes, no compound tails
  sql(`DELETE FROM party_search WHERE party_id = ${id} AND (kind IN ('f', 't') OR (kind = 'n' AND term = 'افزار'))`);
  assert.ok(!(await searchIds(jar, '0912777')).includes(id));
  assert.ok(!(await searchIds(jar, word)).includes(id));
  const job = Number(execFileSync(path.join(BUILD, 'bin/crmctl'), ['enqueue', 'parties.search_rebuild', `test:${id}`, '0',
    JSON.stringify({ from: id - 1, upto: id })], { env: process.env, encoding: 'utf8' }).trim());
  for (const end = Date.now() + 20000; !['done', 'failed'].includes(sql(`SELECT state FROM jobs WHERE id = ${job}`)) && Date.now() < end;)
    await sleep(100);
  assert.equal(sql(`SELECT CONCAT(state, ' ', result) FROM jobs WHERE id = ${job}`), 'done parties=1');
  assert.equal(terms(), now, 'the job writes what a save writes');
  assert.ok((await searchIds(jar, '0912777')).includes(id));
  assert.ok((await searchIds(jar, word)).includes(id));
  // the migration: one job for every party up to the highest id of now (rolled back: not run here)
  const migration = fs.readFileSync(path.join(ROOT, 'sql/025_search_keys.sql'), 'utf8');
  assert.equal(sql(`START TRANSACTION; ${migration}
    SELECT CONCAT(COUNT(*), ' ', MAX(JSON_VALUE(params, '$.upto')) = (SELECT MAX(id) FROM parties)) FROM jobs
    WHERE kind = 'parties.search_rebuild' AND idem_key = 'migration:025'; ROLLBACK;`), '1 1');
  assert.equal(sqlInt("SELECT COUNT(*) FROM jobs WHERE idem_key = 'migration:025'"), 0);
});
