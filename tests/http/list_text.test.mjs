// The text box of the persons and companies lists: the phone book's matching (name words, code, a
// phone in any digits, its tail) as one more filter, kept with the others in the list's links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, csrfOf, adminPassword, login, uniqueName, newPerson, createParty, partyId, createUser, roleWith, sql,
  sqlInt } from './helpers.mjs';

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
  assert.ok(!res.text.includes(`party?id=${unseen}"`), "no link to the party out of scope");
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

// A word more rows hold than Lists.TextFew (10 on the test stack) is read in the list's order
// from each term it starts (party_search carries each party's sort keys, kept by triggers:
// migration 028), the ranges united: what it shows is what the list holds, page after page and
// back, in each order, after saves, priority and state changes, the bin and a restore.
test('a common word\'s rows come in the list\'s order and follow every change', async () => {
  const jar = await adminSession();
  const word = uniqueName('Ordw').toLowerCase();
  const ids = [];
  // 56 rows over two terms the word starts (word, wordzade), one person holding both
  for (let i = 0; i < 56; i++) {
    const last = i % 3 ? word : `${word}zade`;
    ids.push(await newPerson(jar, { first_name: i === 7 ? word : `F${String(i * 37 % 56).padStart(2, '0')}`,
      last_name: last, priority: i % 4 }));
  }
  assert.equal(sqlInt(`SELECT COUNT(DISTINCT term) FROM party_search WHERE term LIKE '${word}%'`), 2);
  // state: 1 active, 0 inactive, 'all' both (two ranges per term, merged)
  const truth = (order, state = 1) => sql(`SELECT GROUP_CONCAT(id ORDER BY ${order}) FROM parties WHERE id IN (${ids.join(',')})
    AND is_deleted = 0 ${state === 'all' ? '' : `AND is_active = ${state}`}`).split(',').filter(Boolean).map(Number);
  const pages = async (extra) => {
    const shown = [];
    let res = await get(`/parties/persons?q=${word}${extra}`, { jar });
    for (;;) {
      assert.equal(res.status, 200, extra);
      shown.push(...rowIds(res.text));
      const next = res.text.match(/id="next-page" href="([^"]+)"/);
      if (!next) return { shown, last: res };
      res = await get(`/parties/persons${next[1].replace(/&amp;/g, '&')}`, { jar });
    }
  };
  const orders = [['', 'priority DESC, name_norm, id'], ['&sort=priority&dir=desc', 'priority, name_norm DESC, id DESC'],
    ['&sort=name', 'name_norm, id'], ['&sort=name&dir=desc', 'name_norm DESC, id DESC']];
  const check = async (why, state = 1) => {
    for (const [extra, order] of orders) {
      const { shown, last } = await pages(`${extra}${state === 1 ? '' : state === 0 ? '&state=inactive' : '&state=all'}`);
      assert.deepEqual(shown, truth(order, state), `${why}: ${extra || 'default order'}`);
      const prev = last.text.match(/id="prev-page" href="([^"]+)"/);
      if (prev) { // the page before the last is the first page's 50 rows
        const back = await get(`/parties/persons${prev[1].replace(/&amp;/g, '&')}`, { jar });
        assert.deepEqual(rowIds(back.text), truth(order, state).slice(0, 50), `${why}: back from the last page ${extra}`);
      }
    }
  };
  await check('as saved');
  assert.match((await get(`/parties/persons?q=${word}`, { jar })).text, /id="list-count">[^<]*(At least|More than|بیش از|دست‌کم)/, "a part, counted up to the bound");
  // a priority set outside the CRM's code, a rename through the form
  sql(`UPDATE parties SET priority = 9 WHERE id = ${ids[30]}`);
  const edit = await get(`/parties/party/edit?id=${ids[31]}`, { jar });
  const version = edit.text.match(/name="version" value="(\d+)"/)[1];
  const code = sql(`SELECT code FROM parties WHERE id = ${ids[31]}`);
  assert.equal((await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id: ids[31], version, code,
    first_name: 'Aaaa', last_name: word, priority: 3 }, jar)).status, 303);
  await check('after a priority change and a rename');
  const page = await get(`/parties/party?id=${ids[5]}`, { jar });
  assert.equal((await postForm('/parties/party/active', { csrf_token: csrfOf(page.text), id: ids[5], active: 0 }, jar)).status, 303);
  await check('after one is deactivated');
  await check('the inactive list', 0);
  await check('the list of both', 'all');
  sql(`UPDATE parties SET is_deleted = 1 WHERE id IN (${ids[8]}, ${ids[9]})`);
  await check('after two went to the bin');
  sql(`UPDATE parties SET is_deleted = 0 WHERE id = ${ids[8]}`);
  await check('after one came back');
  await check('both, after one came back', 'all');
});
