// GET /parties/lookup (cgi/parties/phonebook.c): the phone book's matching as JSON for the type-ahead
// pickers of links to a party (html/static/js/picker.js): by name words, code or phone, of one kind
// when asked, within the user's record scope; bad input is a 400 and no session no answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, adminPassword, login, uniqueName, newPerson, createParty, partyId, createUser, roleWith, sql } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const lookup = async (jar, query) => {
  const res = await get(`/parties/lookup?${query}`, { jar });
  assert.equal(res.status, 200, query);
  assert.match(res.headers['content-type'], /^application\/json; charset=utf-8/);
  return JSON.parse(res.text);
};

test('a picker finds a party by name, code and phone, one kind when asked', async () => {
  const jar = await adminSession();
  const word = uniqueName('Pick');
  const tail = String(Date.now() % 10000).padStart(4, '0');
  const mobile = `0936555${tail}`;
  // a name JSON and HTML must carry exactly: quotes, angle brackets, an ampersand, Persian
  const odd = `"${word}" <b>&</b> کاظمی`;
  const person = await newPerson(jar, { first_name: 'Leyla', last_name: odd, mobile, confirm_duplicate: 1 });
  const code = uniqueName('PK');
  assert.equal((await createParty(jar, { kind: 'company', code, company_name: `${word} Trading` })).status, 303);
  const company = partyId(code);
  const personCode = sql(`SELECT code FROM parties WHERE id = ${person}`);

  const both = await lookup(jar, `q=${encodeURIComponent(word.toLowerCase())}`);
  assert.deepEqual(both.map((o) => o.code).sort(), [personCode, code].sort(), 'by a name word, any kind');
  const p = both.find((o) => o.code === personCode);
  assert.equal(p.display_name, `Leyla ${odd}`, 'the name as stored');
  assert.equal(p.kind, 'person');
  assert.equal(p.is_active, '1');
  assert.equal(p.phone, sql(`SELECT primary_phone FROM parties WHERE id = ${person}`));
  assert.deepEqual((await lookup(jar, `q=${word}&kind=company`)).map((o) => o.code), [code], 'companies only');
  assert.deepEqual((await lookup(jar, `q=${word}&kind=person`)).map((o) => o.code), [personCode], 'persons only');
  assert.deepEqual((await lookup(jar, `q=${encodeURIComponent(code)}`)).map((o) => o.code), [code], 'by its code');
  for (const q of [mobile.slice(0, 8), `+98 ${mobile.slice(1, 8)}`, mobile.slice(-7)])
    assert.ok((await lookup(jar, `q=${encodeURIComponent(q)}`)).some((o) => o.code === personCode), `by the phone: ${q}`);
  assert.deepEqual(await lookup(jar, 'q='), [], 'nothing typed: nothing');
  assert.deepEqual(await lookup(jar, 'kind=company'), []);
  assert.deepEqual(await lookup(jar, `q=${word}nosuch`), []);
  // the binned are not offered
  sql(`UPDATE parties SET is_deleted = 1 WHERE id = ${company}`);
  assert.deepEqual((await lookup(jar, `q=${word}&kind=company`)), []);
});

test('a picker offers only the parties in the user\'s scope', async () => {
  const jar = await adminSession();
  const word = uniqueName('Pscope');
  const seen = await newPerson(jar, { first_name: 'Sima', last_name: word });
  await newPerson(jar, { first_name: 'Sima', last_name: word, confirm_duplicate: 1 });
  const user = uniqueName('pscope');
  const role = await roleWith(jar, { p_parties_view: 'own', p_home_view: 'all' });
  createUser(user, 'pscope-password-1', role);
  sql(`INSERT INTO party_experts (party_id, user_id) SELECT ${seen}, id FROM users WHERE username = '${user}'`);
  const { jar: theirs } = await login(user, 'pscope-password-1');
  assert.deepEqual((await lookup(theirs, `q=${word}`)).map((o) => o.code), [sql(`SELECT code FROM parties WHERE id = ${seen}`)]);
  // without the parties' view permission: refused
  const none = await roleWith(jar, { p_home_view: 'all' });
  const other = uniqueName('pnone');
  createUser(other, 'pnone-password-1', none);
  const { jar: noView } = await login(other, 'pnone-password-1');
  assert.equal((await get(`/parties/lookup?q=${word}`, { jar: noView })).status, 403);
});

test('a lookup refuses bad input and answers no one without a session', async () => {
  const jar = await adminSession();
  for (const q of ['q=a&kind=user', 'q=a&kind=person%00', `q=${'x'.repeat(201)}`])
    assert.equal((await get(`/parties/lookup?${q}`, { jar })).status, 400, q);
  const anon = await get('/parties/lookup?q=a');
  assert.notEqual(anon.status, 200);
  assert.doesNotMatch(anon.text, /"code"/);
});
