// Refused input says what is wrong on the field it is about and saves nothing: bad dates and amounts,
// values over their length limit, a group under a parent that does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { get, csrfOf, sqlInt, uniqueName, englishAdmin, postForm, newPerson, VAR } from './helpers.mjs';

// An admin who reads English, so messages can be compared as text.
const adminSession = englishAdmin('en');
// The person form, as createParty posts it.
async function createPartyEn(jar, fields) {
  const page = await get('/parties/person/new', { jar });
  return postForm('/parties/party/create', { csrf_token: csrfOf(page.text), kind: 'person', ...fields }, jar);
}
const sanitizerReports = () => fs.readdirSync(path.join(VAR, 'log')).filter((f) => f.endsWith('.log'))
  .some((f) => /ERROR: AddressSanitizer|runtime error:/.test(fs.readFileSync(path.join(VAR, 'log', f), 'utf8')));
const fieldError = (html, id) => {
  const m = html.match(new RegExp(`id="${id}"[^]*?class="field-error"[^>]*>([^<]*)<`));
  return m ? m[1] : null;
};

test('a bad date and a bad amount on the person form: a clear message on each, nothing saved, no sanitizer report', async () => {
  const jar = await adminSession();
  const before = sqlInt('SELECT COUNT(*) FROM parties');
  // 17 digits fill the amount's buffer before it is refused; an impossible Jalali date
  for (const bad of [{ marriage_date: '1402/12/30' }, { income: '12345678901234567890' }, { credit_limit: '1.2.3' },
    { marriage_date: 'yesterday', income: '12abc', credit_limit: '99999999999999999999999' }]) {
    const res = await createPartyEn(jar, { code: uniqueName('D'), last_name: 'Dates', ...bad });
    assert.equal(res.status, 422, JSON.stringify(bad));
    if (bad.marriage_date) assert.equal(fieldError(res.text, 'marriage_date'), 'Not a date in your calendar.');
    if (bad.income) assert.equal(fieldError(res.text, 'income'), 'Not an amount.');
    if (bad.credit_limit) assert.equal(fieldError(res.text, 'credit_limit'), 'Not an amount.');
  }
  assert.equal(sqlInt('SELECT COUNT(*) FROM parties'), before);
  assert.ok(!sanitizerReports(), 'no sanitizer report in the module logs');
});

test('over-long input says "too long (at most N characters)" on its field and saves nothing', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, {});
  const page = await get(`/parties/party?id=${id}`, { jar });
  const csrf = csrfOf(page.text);
  const tooLong = (n) => new RegExp(`Too long \\(at most ${n} characters\\)\\.`);

  // a channel value of 501 characters
  const channels = sqlInt(`SELECT COUNT(*) FROM party_channels WHERE party_id = ${id}`);
  const ch = await postForm('/parties/channel/add', { csrf_token: csrf, party_id: id, type: 'address', value: 'x'.repeat(501) }, jar);
  assert.equal(ch.status, 422);
  assert.match(ch.text, /id="form-error">Too long \(at most 500 characters\)\.</);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_channels WHERE party_id = ${id}`), channels);

  // a managed-list name of 129 characters; 128 Persian characters are fine
  const lists = await get('/parties/lists?kind=source', { jar });
  const code = uniqueName('len').toLowerCase();
  const entry = await postForm('/parties/list/save', { csrf_token: csrfOf(lists.text), kind: 'source', code, name_fa: 'ن',
    name_en: 'e'.repeat(129), name_tr: 't', sort: 1 }, jar);
  assert.equal(entry.status, 422);
  assert.match(entry.text, /id="name_en-error">English: Too long \(at most 128 characters\)\.</);
  assert.doesNotMatch(entry.text, /three languages/);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM lookups WHERE code = '${code}'`), 0);
  const persian = await postForm('/parties/list/save', { csrf_token: csrfOf(lists.text), kind: 'source', code, name_fa: 'ن'.repeat(128),
    name_en: 'e'.repeat(128), name_tr: 't', sort: 1 }, jar);
  assert.equal(persian.status, 303);

  // a note of 4,001 characters
  const note = await createPartyEn(jar, { code: uniqueName('N'), last_name: 'Notes', notes: 'n'.repeat(4001) });
  assert.equal(note.status, 422);
  assert.match(fieldError(note.text, 'notes'), tooLong(4000));

  // a saved filter's name of 129 characters: the list again, the message at the name
  const list = await get('/parties/persons', { jar });
  const name = 'f'.repeat(129);
  const filter = await postForm('/parties/filter/save', { csrf_token: csrfOf(list.text), list: 'persons', filter_name: name, priority: 9 }, jar);
  assert.equal(filter.status, 422);
  assert.match(filter.text, /id="filter_name-error">Too long \(at most 128 characters\)\.</);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM saved_filters WHERE name LIKE 'fff%'`), 0);
  const companies = await postForm('/parties/filter/save', { csrf_token: csrfOf(list.text), list: 'companies', filter_name: name }, jar);
  assert.equal(companies.status, 422);
  assert.match(companies.text, /id="filter-save"[^]*name="list" value="companies"/);
});

test('a group under a parent that does not exist is bad input (422), not a conflict', async () => {
  const jar = await adminSession();
  const page = await get('/parties/groups', { jar });
  const name = uniqueName('orphan');
  const missing = sqlInt('SELECT COALESCE(MAX(id), 0) + 1000 FROM party_groups');
  const res = await postForm('/parties/group/create', { csrf_token: csrfOf(page.text), name, parent_id: missing }, jar);
  assert.equal(res.status, 422);
  assert.match(res.text, /Not one of the choices/);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_groups WHERE name = '${name}'`), 0);
});
