// A list's row count: exact while the filters narrow it to a bounded set, "about N" from the
// optimizer's estimate past it (tests/run.sh sets Lists.ExactCount = 100; 500 demo persons are
// past it), never a COUNT over the whole table; and the user's record scope inside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { get, sql, sqlInt, adminPassword, login, createUser, uniqueName, roleWith, VAR } from './helpers.mjs';

const BOUND = 100;
const adminSession = async () => (await login('admin', adminPassword())).jar;

// { kind: 'exact' | 'about' | 'more', n } from the page's count line
function countOf(html) {
  const m = html.match(/id="list-count">([^<]*)<span class="count">([^<]*)<\/span>/);
  assert.ok(m, 'the page shows a count');
  const digits = m[2].replace(/[\u06F0-\u06F9]/g, (c) => String(c.charCodeAt(0) - 0x06F0))
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660)).replace(/[^0-9]/g, '');
  const prefix = m[1].trim();
  const kind = prefix === '' || /^(Records:|تعداد:|Kayıt:)/.test(prefix) ? 'exact'
    : /^(About|حدود|Yaklaşık)/.test(prefix) ? 'about' : 'more';
  return { kind, n: Number(digits) };
}

// The fewest statements (the access log's sql=N) a page ran over three requests: a worker's
// first request also loads its caches. The log line follows the response: waited for.
async function fewestSql(module, route, url, jar) {
  const file = path.join(VAR, 'log', `${module}.log`);
  const lines = () => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes(`access GET ${route} `));
  let fewest = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = lines().length;
    assert.equal((await get(url, { jar })).status, 200);
    for (let t = 0; t < 50 && lines().length <= before; t++) await new Promise((r) => setTimeout(r, 50));
    fewest = Math.min(fewest, Number(lines().at(-1).match(/ sql=(\d+)/)[1]));
  }
  return fewest;
}

// A fresh user with a role of these permissions: { jar, uid }.
async function userWith(jar, cells, prefix) {
  const role = await roleWith(jar, cells);
  const name = uniqueName(prefix);
  createUser(name, 'count-password-1', role);
  const user = await login(name, 'count-password-1');
  return { jar: user.jar, uid: sqlInt(`SELECT id FROM users WHERE username = '${name}'`) };
}

test('a small filtered list is counted exactly; past the bound the persons list says "about"', async () => {
  const jar = await adminSession();
  const user = await userWith(jar, { p_parties_view: 'all', p_home_view: 'all' }, 'cnt');
  const uid = user.uid;
  sql(`INSERT INTO party_stars (user_id, party_id) SELECT ${uid}, id FROM parties WHERE kind = 'person' AND is_active = 1
       AND is_deleted = 0 ORDER BY id LIMIT 7`);
  const starred = await get('/parties/persons?starred=1', { jar: user.jar });
  assert.equal(starred.status, 200);
  assert.deepEqual(countOf(starred.text), { kind: 'exact', n: 7 });

  const all = sqlInt(`SELECT COUNT(*) FROM parties WHERE kind = 'person' AND is_deleted = 0`);
  assert.ok(all > BOUND, `the demo persons (${all}) are past the bound`);
  const list = await get('/parties/persons?state=all', { jar: user.jar });
  const c = countOf(list.text);
  assert.equal(c.kind, 'about');
  // the optimizer's estimate: near the truth, two digits kept
  assert.ok(c.n > BOUND && c.n >= all / 3 && c.n <= all * 3, `about ${c.n} for ${all}`);
  assert.match(String(c.n), /^\d{1,2}0*$/);
  // the estimate costs two statements (EXPLAIN, TABLE_ROWS), not a walk of the table
  const exactSql = await fewestSql('parties', '/parties/persons', '/parties/persons?starred=1', user.jar);
  const aboutSql = await fewestSql('parties', '/parties/persons', '/parties/persons?state=all', user.jar);
  assert.ok(aboutSql <= exactSql + 2, `${aboutSql} statements past the bound, ${exactSql} within it`);
  assert.match(list.text, /<span class="count">[^<]*<\/span> شخص</);
  const companies = await get('/parties/companies', { jar: user.jar });
  assert.match(companies.text, /<span class="count">[^<]*<\/span> شرکت</);
});

test('the engine\'s lists: exact up to the bound, "about" past it, from the same code', async () => {
  const jar = await adminSession();
  const tag = uniqueName('cq');
  const values = (from, to) => Array.from({ length: to - from }, (_, i) => `('${tag}${String(from + i).padStart(3, '0')}', 'Count ${i}', '', 'x')`).join(',');
  sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES ${values(0, 40)}`);
  assert.deepEqual(countOf((await get(`/admin/users?q=${tag}`, { jar })).text), { kind: 'exact', n: 40 });
  sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES ${values(40, 260)}`);
  const c = countOf((await get(`/admin/users?q=${tag}`, { jar })).text);
  // the box searches three columns (an OR): the plan may read the whole small table, whose size is the estimate
  const users = sqlInt('SELECT COUNT(*) FROM users');
  assert.equal(c.kind, 'about');
  assert.ok(c.n > BOUND && c.n >= 260 / 3 && c.n <= users * 2, `about ${c.n} for 260 of ${users}`);
  // a narrower text box is exact again
  assert.deepEqual(countOf((await get(`/admin/users?q=${tag}01`, { jar })).text), { kind: 'exact', n: 10 });
});

test('the count keeps to the record scope: own records counted, no estimate of the others', async () => {
  const jar = await adminSession();
  const user = await userWith(jar, { p_parties_view: 'own', p_home_view: 'all' }, 'cown');
  const uid = user.uid;
  const assign = (n, offset) => sql(`INSERT INTO party_experts (party_id, user_id) SELECT id, ${uid} FROM parties
    WHERE kind = 'person' AND is_active = 1 AND is_deleted = 0 ORDER BY id LIMIT ${n} OFFSET ${offset}`);
  assign(5, 0);
  assert.deepEqual(countOf((await get('/parties/persons', { jar: user.jar })).text), { kind: 'exact', n: 5 });
  // the admin, scope all, sees everyone's
  assert.equal(countOf((await get('/parties/persons', { jar })).text).kind, 'about');
  // past the bound in scope: "more than", since an estimate would count rows out of it
  assign(BOUND + 20, 5);
  assert.deepEqual(countOf((await get('/parties/persons', { jar: user.jar })).text), { kind: 'more', n: BOUND });
});
