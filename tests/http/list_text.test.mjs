// The text box of the persons and companies lists: the phone book's matching (name words, code, a
// phone in any digits, its tail) as one more filter, kept with the others in the list's links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, adminPassword, login, uniqueName, newPerson, createParty, partyId, createUser, roleWith, sql } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const digits = (s, zero) => s.replace(/[0-9]/g, (c) => String.fromCharCode(zero + Number(c)));
const rowIds = (html) => [...html.matchAll(/name="id" value="(\d+)" form="bulk-form"/g)].map((m) => Number(m[1]));

test('the persons list finds by name words, code and phone, and keeps q in its links', async () => {
  const jar = await adminSession();
  const last = uniqueName('Qtext');
  const tail = String(Date.now() % 10000).padStart(4, '0');
  const mobile = `0935777${tail}`;
  const id = await newPerson(jar, { first_name: 'Parvin', last_name: last, mobile, confirm_duplicate: 1 });
  const otherName = uniqueName('Other');
  const other = await newPerson(jar, { first_name: 'Parvin', last_name: otherName });
  const list = async (q, extra = '') => {
    const res = await get(`/parties/persons?q=${encodeURIComponent(q)}${extra}`, { jar });
    assert.equal(res.status, 200, q);
    return res;
  };
  for (const q of [last, last.toLowerCase(), `parvin ${last}`, mobile, digits(mobile, 0x06F0), `+98 ${mobile.slice(1)}`]) {
    const ids = rowIds((await list(q)).text);
    assert.ok(ids.includes(id), `"${q}" finds the person`);
    assert.ok(!ids.includes(other), `"${q}" finds only them`);
  }
  assert.ok(!rowIds((await list(`${last} nosuchword`)).text).includes(id), 'every word must match');
  assert.ok(!rowIds((await list(last, '&state=inactive')).text).includes(id), 'with the other filters');
  const page = await list(last);
  assert.match(page.text, new RegExp(`id="q"[^>]*value="${last}"`));
  assert.match(page.text, new RegExp(`format=csv[^"]*q=${last}`), 'the export carries it');
  const csv = await get(`/parties/persons/export?format=csv&q=${encodeURIComponent(last)}`, { jar });
  assert.equal(csv.status, 200);
  assert.ok(csv.text.includes(last), 'the export holds the match');
  assert.ok(!csv.text.includes(otherName), 'and not the rest');
  assert.equal((await get(`/parties/persons?q=${'x'.repeat(101)}`, { jar })).status, 400);
  // few matches are read first and counted exactly
  assert.match(page.text, /id="list-count">\s*<span class="count">1<\/span>/, 'an exact count of one');
  // the rarest word leads, whatever order they were typed in; "next" pages keep q
  const common = uniqueName('Qcommon');
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await newPerson(jar, { first_name: common, last_name: `${last}x${i}` }));
  const both = rowIds((await list(`${common} ${last}x1`)).text);
  assert.deepEqual(both, [ids[1]], 'two words: only the row holding both');
  assert.deepEqual(rowIds((await list(common)).text).sort(), [...ids].sort(), 'one word: all three');
});

test('the text box keeps to the user\'s record scope and its count', async () => {
  const jar = await adminSession();
  const last = uniqueName('Qscope');
  const seen = await newPerson(jar, { first_name: 'Nasrin', last_name: last });
  const unseen = await newPerson(jar, { first_name: 'Nasrin', last_name: last, confirm_duplicate: 1 });
  const user = uniqueName('qscope');
  const role = await roleWith(jar, { p_parties_view: 'own', p_home_view: 'all' });
  createUser(user, 'qscope-password-1', role);
  // "own": the parties the user is an expert of
  sql(`INSERT INTO party_experts (party_id, user_id) SELECT ${seen}, id FROM users WHERE username = '${user}'`);
  const { jar: theirs } = await login(user, 'qscope-password-1');
  const res = await get(`/parties/persons?q=${encodeURIComponent(last)}`, { jar: theirs });
  assert.equal(res.status, 200);
  const linked = [...res.text.matchAll(/href="\/parties\/party\?id=(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(linked, [seen], 'only the party in scope');
  assert.ok(!res.text.includes(`value="${unseen}"`));
  assert.match(res.text, /id="list-count">\s*<span class="count">1<\/span>/, 'counted within scope');
});

test('the companies list finds a company by its name', async () => {
  const jar = await adminSession();
  const name = uniqueName('Qco');
  const code = uniqueName('QC');
  assert.equal((await createParty(jar, { kind: 'company', code, company_name: name })).status, 303);
  const res = await get(`/parties/companies?q=${encodeURIComponent(name)}`, { jar });
  assert.deepEqual(rowIds(res.text), [partyId(code)]);
});
