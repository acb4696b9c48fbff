// Company hierarchy: a parent company at any depth, never a cycle; the tree on the record;
// list filters by company that take in the subsidiaries; scope keeps names out of sight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, get, postForm, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, roleWith, createParty,
  partyId, newPerson } from './helpers.mjs';

// the users here read Persian (the default): messages are compared with the language file
const fa = Object.fromEntries(fs.readFileSync(path.join(ROOT, 'html/lang/fa.hdf'), 'utf8').split('\n')
  .map((l) => l.match(/^([\w.]+) = (.*)$/)).filter(Boolean).map((m) => [m[1], m[2]]));
const says = (key) => new RegExp(fa[key].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

const adminSession = async () => (await login('admin', adminPassword())).jar;

async function newCompany(jar, fields) {
  const code = fields.code || uniqueName('C');
  const res = await createParty(jar, { kind: 'company', code, company_name: `Co ${code}`, ...fields });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  return { code, id: partyId(code) };
}

async function edit(jar, id, fields) {
  const page = await get(`/parties/party/edit?id=${id}`, { jar });
  assert.equal(page.status, 200);
  const version = page.text.match(/name="version" value="(\d+)"/)[1];
  const name = page.text.match(/name="company_name" value="([^"]*)"/)[1];
  return postForm('/parties/party/update', { csrf_token: csrfOf(page.text), id, version, kind: 'company',
    company_name: name, code: sql(`SELECT code FROM parties WHERE id = ${id}`), ...fields }, jar);
}

const parentOf = (id) => sql(`SELECT COALESCE(parent_id, 0) FROM companies WHERE party_id = ${id}`);

test('a company under a parent: saved with its audit row, shown as a tree on both records', async () => {
  const jar = await adminSession();
  const holding = await newCompany(jar, {});
  const sub = await newCompany(jar, { parent_code: holding.code });
  const subsub = await newCompany(jar, {});
  assert.equal((await edit(jar, subsub.id, { parent_code: sub.code })).status, 303);
  assert.equal(parentOf(sub.id), String(holding.id));
  assert.equal(parentOf(subsub.id), String(sub.id));
  const audit = sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${subsub.id} AND action = 'update'`);
  assert.match(audit, new RegExp(sub.code));

  const top = await get(`/parties/party?id=${holding.id}`, { jar });
  const tree = top.text.match(/<ul class="plain tree" id="company-tree">([\s\S]*?)<\/ul>/)[1];
  assert.match(tree, /id="tree-self"[^>]*><strong>Co /);
  // the whole branch below, each at its depth, the grandchild after its parent
  const i1 = tree.indexOf(`>Co ${sub.code}<`), i2 = tree.indexOf(`>Co ${subsub.code}<`);
  assert.ok(i1 > 0 && i2 > i1, tree);
  assert.match(tree, new RegExp(`depth-1 subsidiary"><a href="/parties/party\\?id=${sub.id}"`));
  assert.match(tree, new RegExp(`depth-2 subsidiary"><a href="/parties/party\\?id=${subsub.id}"`));
  const bottom = await get(`/parties/party?id=${subsub.id}`, { jar });
  const up = bottom.text.match(/id="company-tree">([\s\S]*?)<\/ul>/)[1];
  assert.ok(up.indexOf(`id=${holding.id}"`) < up.indexOf(`id=${sub.id}"`), up);
  assert.match(up, /depth-2" id="tree-self"/);
  // the history names the change in the user's words
  assert.match(bottom.text, new RegExp(`<span class="field">${fa['parties.f.parent']}</span>: <del>—</del> → <ins>${sub.code}</ins>`));
  // the edit form shows the parent's code
  const form = await get(`/parties/party/edit?id=${subsub.id}`, { jar });
  assert.match(form.text, new RegExp(`name="parent_code"[^>]*value="${sub.code}"`));
});

test('no cycle, no self, no unknown code: the form says why and nothing changes', async () => {
  const jar = await adminSession();
  const a = await newCompany(jar, {});
  const b = await newCompany(jar, { parent_code: a.code });
  const c = await newCompany(jar, { parent_code: b.code });
  const versionBefore = sql(`SELECT version FROM parties WHERE id = ${a.id}`);
  for (const [parent, message] of [[c.code, says('parties.err.parent_cycle')], [a.code, says('parties.err.parent_cycle')],
    ['NO-SUCH-CODE', says('parties.err.no_such_company')]]) {
    const res = await edit(jar, a.id, { parent_code: parent });
    assert.equal(res.status, 422, parent);
    assert.match(res.text, message);
    assert.match(res.text, new RegExp(`name="parent_code"[^>]*value="${parent}"`)); // what was typed stays
  }
  assert.equal(parentOf(a.id), '0');
  assert.equal(sql(`SELECT version FROM parties WHERE id = ${a.id}`), versionBefore);
  // a person is no parent
  const person = uniqueName('P');
  await newPerson(jar, { code: person });
  const res = await edit(jar, c.id, { parent_code: person });
  assert.equal(res.status, 422);
  assert.equal(parentOf(c.id), String(b.id));
  // clearing the field takes the company out of the tree
  assert.equal((await edit(jar, c.id, { parent_code: '' })).status, 303);
  assert.equal(parentOf(c.id), '0');
});

test('list filters: people at a company and its subsidiaries, companies under a company', async () => {
  const jar = await adminSession();
  const top = await newCompany(jar, {});
  const mid = await newCompany(jar, { parent_code: top.code });
  const low = await newCompany(jar, { parent_code: mid.code });
  const other = await newCompany(jar, {});
  const people = {};
  for (const [k, co] of [['atTop', top], ['atLow', low], ['atOther', other]]) {
    const code = uniqueName('P');
    people[k] = await newPerson(jar, { code, last_name: `Emp ${k} ${code}` });
    const page = await get(`/parties/party?id=${people[k]}`, { jar });
    const res = await postForm('/parties/employment/add', { csrf_token: csrfOf(page.text), party_id: people[k],
      company_code: co.code, position: 'staff' }, jar);
    assert.equal(res.status, 303);
  }
  const ids = (html) => [...html.matchAll(/href="\/parties\/party\?id=(\d+)"/g)].map((m) => Number(m[1]));
  const direct = ids((await get(`/parties/persons?company=${top.code}`, { jar })).text);
  assert.ok(direct.includes(people.atTop) && !direct.includes(people.atLow) && !direct.includes(people.atOther));
  const all = ids((await get(`/parties/persons?company=${top.code}&subs=1`, { jar })).text);
  assert.ok(all.includes(people.atTop) && all.includes(people.atLow) && !all.includes(people.atOther));
  const under = ids((await get(`/parties/companies?company=${top.code}`, { jar })).text);
  assert.ok(under.includes(top.id) && under.includes(mid.id) && !under.includes(low.id) && !under.includes(other.id));
  const tree = ids((await get(`/parties/companies?company=${top.code}&subs=1`, { jar })).text);
  assert.ok(tree.includes(top.id) && tree.includes(mid.id) && tree.includes(low.id) && !tree.includes(other.id));
  // the filter is kept in the page's links and in a saved filter
  const page = await get(`/parties/companies?company=${top.code}&subs=1`, { jar });
  assert.match(page.text, new RegExp(`id="filter-company"[^>]*value="${top.code}"`));
  assert.match(page.text, /id="filter-subs" checked/);
  const fname = uniqueName('tree');
  const saved = await postForm('/parties/filter/save', { csrf_token: csrfOf(page.text), list: 'companies', filter_name: fname,
    state: 'active', company: top.code, subs: '1' }, jar);
  assert.equal(saved.status, 303);
  assert.match(sql(`SELECT query FROM saved_filters WHERE name = '${fname}'`), new RegExp(`company=${top.code}&subs=1`));
  // an unknown code says so and lists nothing
  const unknown = await get('/parties/persons?company=NO-SUCH-CO', { jar });
  assert.equal(unknown.status, 200);
  assert.match(unknown.text, /id="company-unknown"/);
  assert.deepEqual(ids(unknown.text), []);
});

test('scope: a company out of sight keeps its place in the tree, not its name, and cannot be named as a parent', async () => {
  const admin = await adminSession();
  const role = await roleWith(admin, { p_parties_view: 'own', p_parties_edit: 'own', p_parties_create: 'all' });
  const name = uniqueName('h');
  createUser(name, 'hierarchy-pw-1', role);
  const jar = (await login(name, 'hierarchy-pw-1')).jar;
  const hidden = await newCompany(admin, {}); // the admin's: out of the user's own scope
  const mine = await newCompany(jar, {});
  // naming the hidden one as a parent is refused as unknown
  const res = await edit(jar, mine.id, { parent_code: hidden.code });
  assert.equal(res.status, 422);
  assert.match(res.text, says('parties.err.no_such_company'));
  // the admin puts the user's company under the hidden one; the user sees a nameless place
  // (the form sends its experts: the user stays the company's expert, so it stays in their scope)
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  assert.equal((await edit(admin, mine.id, { parent_code: hidden.code, expert: uid })).status, 303);
  const page = await get(`/parties/party?id=${mine.id}`, { jar });
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes(`Co ${hidden.code}`));
  assert.ok(!page.text.includes(`id=${hidden.id}"`));
  assert.match(page.text, says('parties.company_hidden'));
  // the user's form cannot show the parent, and saving it keeps the parent as it is
  const form = await get(`/parties/party/edit?id=${mine.id}`, { jar });
  assert.match(form.text, /id="parent-hidden"/);
  assert.ok(!form.text.includes(hidden.code));
  const version = form.text.match(/name="version" value="(\d+)"/)[1];
  const saved = await postForm('/parties/party/update', { csrf_token: csrfOf(form.text), id: mine.id, version, kind: 'company',
    code: mine.code, company_name: 'Renamed' }, jar);
  assert.equal(saved.status, 303);
  assert.equal(parentOf(mine.id), String(hidden.id));
  // and the list filter does not name the hidden company's tree
  const list = await get(`/parties/companies?company=${hidden.code}&subs=1`, { jar });
  assert.match(list.text, /id="company-unknown"/);
});

test('purging a parent company takes its subsidiaries out of the tree, each with its audit row', async () => {
  const jar = await adminSession();
  const parent = await newCompany(jar, {});
  const child = await newCompany(jar, { parent_code: parent.code });
  let page = await get(`/parties/party?id=${parent.id}`, { jar });
  assert.equal((await postForm('/parties/party/delete', { csrf_token: csrfOf(page.text), id: parent.id }, jar)).status, 303);
  // in the bin, the parent is not named on the child's record
  page = await get(`/parties/party?id=${child.id}`, { jar });
  assert.match(page.text, says('parties.company_hidden'));
  page = await get('/parties/bin', { jar });
  const res = await postForm('/parties/bin/purge', { csrf_token: csrfOf(page.text), id: parent.id }, jar);
  assert.equal(res.status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM parties WHERE id = ${parent.id}`), 0);
  assert.equal(parentOf(child.id), '0');
  assert.match(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${child.id} ORDER BY id DESC LIMIT 1`),
    new RegExp(parent.code));
});
