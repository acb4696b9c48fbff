// Managed lists on the records engine: one entity (the lookups table) whose rows are those of the
// kind the request names. Versions, codes unique per kind, History, and no way out of the kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, csrfOf, sql, sqlInt, uniqueName, englishAdmin, postForm, lookup } from './helpers.mjs';

// An admin who reads English, so messages can be compared as text.
const adminSession = englishAdmin('lists');

const names = (tag) => ({ name_fa: `فا ${tag}`, name_en: `En ${tag}`, name_tr: `Tr ${tag}` });
// a new entry of kind: its id, code and the page's CSRF token
async function addEntry(jar, kind, fields = {}) {
  const page = await get(`/parties/lists?kind=${kind}`, { jar });
  const code = fields.code ?? uniqueName('e').toLowerCase();
  const res = await postForm('/parties/list/save', { csrf_token: csrfOf(page.text), kind, code, ...names(code), sort: 50, ...fields }, jar);
  assert.equal(res.status, 303, res.text.slice(0, 400));
  return { id: lookup(kind, code), code, csrf: csrfOf(page.text) };
}
const row = (id) => sql(`SELECT CONCAT_WS('|', kind, code, name_fa, name_en, name_tr, sort, is_active, version) FROM lookups WHERE id = ${id}`);
const auditRows = (id) => sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'lookups' AND record_id = ${id}`);

test('a stale version is a conflict: nothing changes, the entry page shows what was typed beside what is stored', async () => {
  const jar = await adminSession();
  const { id, code, csrf } = await addEntry(jar, 'source');
  const save = (o) => postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', id, sort: 50, is_active: 1, ...o }, jar);
  assert.equal((await save({ version: 1, name_fa: 'اول', name_en: 'First', name_tr: 'Birinci' })).status, 303);
  const stored = row(id);
  const audits = auditRows(id);
  const stale = await save({ version: 1, name_fa: 'دوم', name_en: 'Second', name_tr: 'İkinci' });
  assert.equal(stale.status, 409);
  assert.equal(row(id), stored, 'nothing changed');
  assert.equal(auditRows(id), audits, 'no audit row');
  assert.match(stale.text, /id="form-conflict"/);
  assert.match(stale.text, /id="name_en" name="name_en" value="Second"/, 'what was typed is kept');
  assert.match(stale.text, /id="name_en-stored">Saved meanwhile: First</, 'what is stored is beside it');
  assert.match(stale.text, /name="version" value="2"/, 'saving again from here is at the stored version');
  assert.ok(stale.text.includes(code));
  // a version that is no number at all is refused before anything is read
  assert.equal((await save({ version: 'x', ...names('x') })).status, 400);
  assert.equal((await save({ ...names('x') })).status, 400, 'a change without its version');
  assert.equal(row(id), stored);
});

test('codes are unique per kind: the same code in another kind is fine', async () => {
  const jar = await adminSession();
  const { code, csrf } = await addEntry(jar, 'source');
  const again = await postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', code, ...names('again'), sort: 1 }, jar);
  assert.equal(again.status, 409);
  assert.match(again.text, /id="code-error">Code: This code is in the list already\.</);
  assert.match(again.text, /name="name_en" value="En again"/, 'the new entry as typed');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM lookups WHERE kind = 'source' AND code = '${code}'`), 1);
  const other = await postForm('/parties/list/save', { csrf_token: csrf, kind: 'title', code, ...names('title'), sort: 1 }, jar);
  assert.equal(other.status, 303);
  assert.equal(sql(`SELECT GROUP_CONCAT(kind ORDER BY kind) FROM lookups WHERE code = '${code}'`), 'source,title');
  assert.equal(sql(`SELECT name_en FROM lookups WHERE kind = 'title' AND code = '${code}'`), 'En title');
  // a missing name is marked on its own field; nothing is made
  const missing = await postForm('/parties/list/save', { csrf_token: csrf, kind: 'activity', code, name_fa: 'ن', name_en: '', name_tr: 't' }, jar);
  assert.equal(missing.status, 422);
  assert.match(missing.text, /id="name_en-error">English: Required\.</);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM lookups WHERE kind = 'activity' AND code = '${code}'`), 0);
});

test('History of an entry: the kind it joined, then names and the state changed in one row', async () => {
  const jar = await adminSession();
  const { id, csrf } = await addEntry(jar, 'premises', { name_en: 'Old name', sort: 7 });
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'premises', id, version: 1, name_fa: `فا`, name_en: 'New name',
    name_tr: 'Yeni', sort: 8 }, jar)).status, 303, 'no is_active: deactivated');
  assert.equal(sql(`SELECT CONCAT(name_en, is_active, sort) FROM lookups WHERE id = ${id}`), 'New name08');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'lookups' AND record_id = ${id} AND action = 'update'`), 1);
  const details = sql(`SELECT details FROM audit_log WHERE table_name = 'lookups' AND record_id = ${id} AND action = 'update'`);
  assert.match(details, /name_en/);
  assert.match(details, /is_active/, 'the state in the same row as the names');
  const page = await get(`/parties/list?kind=premises&id=${id}`, { jar });
  assert.equal(page.status, 200);
  const history = page.text.slice(page.text.indexOf('id="history"'));
  assert.match(history, /<span class="field">English<\/span>: <del>Old name<\/del> → <ins>New name<\/ins>/);
  assert.match(history, /<span class="field">Active<\/span>: <del>Yes<\/del> → <ins>No<\/ins>/);
  assert.match(history, /<span class="field">Order<\/span>: <del>7<\/del> → <ins>8<\/ins>/);
  assert.match(history, /<span class="field">List<\/span>: (?:<del>[^<]*<\/del> → )?<ins>premises<\/ins>/, 'the insert names its kind');
  assert.match(page.text, /id="code"[^>]*value="[a-z0-9_]+"[^>]*disabled/, 'the code is set when the entry is made');
  // the list links each entry to its page, and shows a deactivated one greyed, never hidden
  const list = await get('/parties/lists?kind=premises', { jar });
  assert.ok(list.text.includes(`/parties/list?kind=premises&amp;id=${id}"`));
  assert.match(list.text, new RegExp(`<tr class="inactive">\\s*<td dir="ltr" class="card-title-cell"><a href="/parties/list\\?kind=premises&amp;id=${id}"`));
});

test('the kind is fixed: an entry of another kind is neither found nor changed through it', async () => {
  const jar = await adminSession();
  const { id, code, csrf } = await addEntry(jar, 'source');
  const stored = row(id);
  const res = await postForm('/parties/list/save', { csrf_token: csrf, kind: 'title', id, version: 1, ...names('moved'), sort: 1, is_active: 1 }, jar);
  assert.equal(res.status, 404);
  assert.equal(row(id), stored);
  assert.equal(auditRows(id), 1, 'only its insert');
  assert.equal((await get(`/parties/list?kind=title&id=${id}`, { jar })).status, 404);
  assert.equal((await get(`/parties/list?kind=source&id=${id}`, { jar })).status, 200);
  assert.equal((await get(`/parties/list?kind=nonsense&id=${id}`, { jar })).status, 400);
  assert.equal((await get(`/parties/list?id=${id}`, { jar })).status, 400, 'no kind: no entry');
  assert.ok(!(await get('/parties/lists?kind=title', { jar })).text.includes(`>${code}<`));
  assert.ok((await get('/parties/lists?kind=source', { jar })).text.includes(`>${code}<`));
  // a kind posted with a new entry is where it goes, never another
  const made = await addEntry(jar, 'relation');
  assert.equal(sql(`SELECT kind FROM lookups WHERE id = ${made.id}`), 'relation');
});

test('a list reads in its order (sort, then id) from its own index, page by page within its kind', async () => {
  const jar = await adminSession();
  assert.equal(sql(`SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM information_schema.STATISTICS
    WHERE table_schema = DATABASE() AND table_name = 'lookups' AND index_name = 'ix_lookups_order'`), 'kind,sort,id');
  for (const sort of [30, 10, 30, 20, -5, 10, 40, 30, 0, 15, 25, 35]) await addEntry(jar, 'education_field', { sort });
  const want = sql(`SELECT GROUP_CONCAT(code ORDER BY sort, id SEPARATOR ' ') FROM lookups WHERE kind = 'education_field'`).split(' ');
  const codesOf = (html) => [...html.matchAll(/<td dir="ltr" class="card-title-cell"><a href="\/parties\/list\?kind=education_field&amp;id=\d+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
  assert.deepEqual(codesOf((await get('/parties/lists?kind=education_field', { jar })).text), want);
  // ten a page: the next page's link keeps the kind, and the pages together are the list
  const first = await get('/parties/lists?kind=education_field&limit=10', { jar });
  const next = first.text.match(/href="([^"]+)" id="next-page"/)[1].replaceAll('&amp;', '&');
  assert.match(next, /kind=education_field/);
  const second = await get(next, { jar });
  assert.equal(second.status, 200);
  assert.deepEqual([...codesOf(first.text), ...codesOf(second.text)], want.slice(0, 20));
  assert.ok(!codesOf(second.text).some((c) => !want.includes(c)), 'nothing of another kind');
});
