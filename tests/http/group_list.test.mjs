// A list filtered by a group (sub-groups included) is read from party_group_keys (migration 026),
// a copy of each member's sort keys per group and per group above it, kept by triggers. After every
// change the copy must follow (a rename, a priority, deactivation, the bin, a branch moved, a member
// removed) the filtered list, page by page in every order and state, must be what a computation
// straight from parties, memberships and paths gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, postForm, roleWith, newPerson } from './helpers.mjs';

const ORDERS = {
  priority: 'p.priority DESC, p.name_norm, p.id', 'priority&dir=desc': 'p.priority, p.name_norm DESC, p.id DESC',
  name: 'p.name_norm, p.id', 'name&dir=desc': 'p.name_norm DESC, p.id DESC',
  code: 'p.code, p.id', 'code&dir=desc': 'p.code DESC, p.id DESC',
  updated: 'p.updated_at, p.id', 'updated&dir=desc': 'p.updated_at DESC, p.id DESC',
  created: 'p.id', 'created&dir=desc': 'p.id DESC',
};
const STATES = { active: 'AND p.is_active = 1', inactive: 'AND p.is_active = 0', all: '' };

// what the list must show, from the tables the copy is made of (no party_group_keys)
function expected(group, sort, state, extra = '') {
  const ids = sql(`SELECT COALESCE(GROUP_CONCAT(p.id ORDER BY ${ORDERS[sort]}), '') FROM parties p
    WHERE p.kind = 'person' AND p.is_deleted = 0 ${STATES[state]} ${extra} AND EXISTS (SELECT 1 FROM party_group_members gm
    JOIN party_groups g ON g.id = gm.group_id WHERE gm.party_id = p.id
    AND g.path LIKE CONCAT((SELECT path FROM party_groups WHERE id = ${group}), '%'))`);
  return ids ? ids.split(',').map(Number) : [];
}

// every page of the list, following "next"
async function shown(jar, query) {
  const ids = [];
  let url = `/parties/persons?${query}`;
  for (let pages = 0; url && pages < 10; pages++) {
    const res = await get(url, { jar });
    assert.equal(res.status, 200, url);
    ids.push(...[...res.text.matchAll(/party\?id=(\d+)/g)].map((m) => Number(m[1])));
    const next = res.text.match(/id="next-page" href="([^"]+)"|href="([^"]+)" id="next-page"/);
    url = next && `/parties/persons${(next[1] || next[2]).replace(/&amp;/g, '&').replace(/^\/parties\/persons/, '')}`;
  }
  return ids;
}

async function same(jar, group, sorts = Object.keys(ORDERS), states = Object.keys(STATES), what = '') {
  for (const state of states)
    for (const sort of sorts)
      assert.deepEqual(await shown(jar, `group=${group}&state=${state}&sort=${sort}`), expected(group, sort, state),
        `${what}: group ${group}, ${state}, ${sort}`);
}

test('a group-filtered list follows every change of its members, in every order and state', async () => {
  const { jar } = await login('admin', adminPassword());
  const groupsPage = await get('/parties/groups', { jar });
  const csrf = csrfOf(groupsPage.text);
  const group = async (name, parent) => {
    assert.equal((await postForm('/parties/group/create', { csrf_token: csrf, name, parent_id: parent || '' }, jar)).status, 303);
    return sqlInt(`SELECT id FROM party_groups WHERE name = '${name}'`);
  };
  const top = await group(uniqueName('GTop'));
  const mid = await group(uniqueName('GMid'), top);
  const leaf = await group(uniqueName('GLeaf'), mid);
  const other = await group(uniqueName('GOther'));
  const setGroups = async (id, groups) => {
    const p = await get(`/parties/party?id=${id}`, { jar });
    assert.equal((await postForm('/parties/party/groups', { csrf_token: csrfOf(p.text), party_id: id, group: groups }, jar)).status, 303);
  };
  // 64 persons: more than a page; priorities and names that tie, some in two branches of the tree
  const tag = uniqueName('gl');
  const ids = [];
  for (let i = 0; i < 64; i++) {
    const id = await newPerson(jar, { code: `${tag}${String(i * 7 % 64).padStart(2, '0')}`, last_name: `${tag} ${'kmabz'[i % 5]}${i % 3}`,
      priority: i % 4 });
    ids.push(id);
    await setGroups(id, i % 5 === 0 ? [top] : i % 5 === 1 ? [mid] : i % 5 === 2 ? [leaf, mid] : i % 5 === 3 ? [leaf] : [other]);
  }
  assert.equal(expected(top, 'priority', 'all').length, 52);
  await same(jar, top, undefined, undefined, 'as made');
  await same(jar, leaf, ['name', 'priority&dir=desc'], ['all'], 'as made');

  const edit = async (id, fields) => {
    const page = await get(`/parties/party/edit?id=${id}`, { jar });
    const version = page.text.match(/name="version" value="(\d+)"/)[1];
    const code = sql(`SELECT code FROM parties WHERE id = ${id}`);
    const last = sql(`SELECT last_name FROM persons WHERE party_id = ${id}`);
    const priority = sql(`SELECT priority FROM parties WHERE id = ${id}`);
    const res = await postForm('/parties/party/update', { csrf_token: csrfOf(page.text), id, version, code, last_name: last, priority, ...fields }, jar);
    assert.equal(res.status, 303, res.text.slice(0, 300));
  };
  // a rename (first by name now), a new priority, a new code
  await edit(ids[2], { last_name: `${tag} a` });
  await edit(ids[7], { priority: 9 });
  await edit(ids[11], { code: `${tag}zz` });
  assert.equal((await shown(jar, `group=${top}&sort=name`))[0], ids[2], 'the renamed one first by name');
  assert.equal((await shown(jar, `group=${top}`))[0], ids[7], 'the higher priority first');
  // deactivated, deleted, restored
  const post = async (url, body) => {
    const page = await get(`/parties/party?id=${body.id}`, { jar });
    assert.equal((await postForm(url, { csrf_token: csrfOf(page.text), ...body }, jar)).status, 303, url);
  };
  await post('/parties/party/active', { id: ids[5], active: 0 });
  await post('/parties/party/delete', { id: ids[6] });
  await post('/parties/party/delete', { id: ids[10] });
  const bin = await get('/parties/bin', { jar });
  assert.equal((await postForm('/parties/bin/restore', { csrf_token: csrfOf(bin.text), id: ids[10], to: 'record' }, jar)).status, 303);
  assert.ok(!(await shown(jar, `group=${top}&state=all`)).includes(ids[6]), 'in the bin: not listed');
  assert.ok((await shown(jar, `group=${top}&state=inactive`)).includes(ids[5]));
  await same(jar, top, undefined, undefined, 'after edits');
  // a member removed; one that was in two sub-groups leaves one of them and stays in the tree
  await setGroups(ids[0], []);
  await setGroups(ids[12], [leaf]);
  assert.ok(!(await shown(jar, `group=${top}&state=all`)).includes(ids[0]));
  assert.ok((await shown(jar, `group=${mid}&state=all`)).includes(ids[12]), 'still in mid through leaf');
  // the middle branch moved under another top group: its members leave top and join other
  assert.equal((await postForm('/parties/group/move', { csrf_token: csrf, id: mid, parent_id: other }, jar)).status, 303);
  assert.equal(expected(top, 'priority', 'all').length, 12);
  await same(jar, top, undefined, ['all', 'active'], 'after the move');
  await same(jar, other, undefined, ['all', 'active'], 'after the move');
  await same(jar, leaf, ['name', 'code&dir=desc'], ['all'], 'after the move');
  // and back to the top level
  assert.equal((await postForm('/parties/group/move', { csrf_token: csrf, id: mid, parent_id: 0 }, jar)).status, 303);
  await same(jar, other, ['priority', 'name&dir=desc'], ['all'], 'moved back');
  await same(jar, mid, ['priority', 'created&dir=desc'], ['all', 'active'], 'moved back');
  // purged: gone from the copy with its row
  await post('/parties/party/delete', { id: ids[13] });
  const bin2 = await get('/parties/bin', { jar });
  assert.equal((await postForm('/parties/bin/purge', { csrf_token: csrfOf(bin2.text), id: ids[13] }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_keys WHERE party_id = ${ids[13]}`), 0);
  // the copy is exactly what it copies: one row per group on each member's path, keys equal
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_keys k JOIN parties p ON p.id = k.party_id
    WHERE NOT (BINARY k.name_norm = BINARY p.name_norm AND k.priority = p.priority AND k.code = p.code AND k.updated_at = p.updated_at
    AND k.is_active = p.is_active AND k.is_deleted = p.is_deleted AND k.kind = p.kind)`), 0, 'keys equal');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_keys k WHERE k.group_id IN (${top}, ${mid}, ${leaf}, ${other}) AND k.paths <> (
    SELECT COUNT(*) FROM party_group_members gm JOIN party_groups g ON g.id = gm.group_id
    WHERE gm.party_id = k.party_id AND g.path LIKE CONCAT('%/', k.group_id, '/%'))`), 0, 'paths counted');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_members gm JOIN party_groups g ON g.id = gm.group_id
    JOIN party_groups a ON g.path LIKE CONCAT(a.path, '%') WHERE a.id IN (${top}, ${mid}, ${leaf}, ${other})
    AND NOT EXISTS (SELECT 1 FROM party_group_keys k WHERE k.group_id = a.id AND k.party_id = gm.party_id)`), 0, 'none missing');

  // combined filters: a group and a priority, a group and a role
  const role = sqlInt("SELECT id FROM lookups WHERE kind = 'party_role' AND code = 'supplier'");
  sql(`INSERT IGNORE INTO party_roles (party_id, role_id) SELECT id, ${role} FROM parties WHERE code LIKE '${tag}%' AND id % 3 = 0`);
  for (const sort of ['priority', 'name&dir=desc'])
    assert.deepEqual(await shown(jar, `group=${mid}&state=all&sort=${sort}&role=${role}`), expected(mid, sort, 'all',
      `AND p.id IN (SELECT party_id FROM party_roles WHERE role_id = ${role})`), `group + role, ${sort}`);
  assert.deepEqual(await shown(jar, `group=${mid}&state=all&priority=2`), expected(mid, 'priority', 'all', 'AND p.priority = 2'));
  // the count says what the list holds
  const count = (await get(`/parties/persons?group=${mid}&state=all`, { jar })).text;
  assert.ok(count.includes(String(expected(mid, 'priority', 'all').length)), 'the count');

  // a user who sees only the parties assigned to them sees only those of the group
  const r = await roleWith(jar, { p_parties_view: 'own', p_home_view: 'all' });
  const u = uniqueName('gscope');
  createUser(u, 'gscope-password-1', r);
  sql(`INSERT INTO party_experts (party_id, user_id) SELECT p.id, u.id FROM parties p, users u
    WHERE p.code LIKE '${tag}%' AND p.id % 2 = 0 AND u.username = '${u}'`);
  const own = (await login(u, 'gscope-password-1')).jar;
  for (const sort of ['priority', 'code'])
    assert.deepEqual(await shown(own, `group=${mid}&state=all&sort=${sort}`), expected(mid, sort, 'all',
      `AND EXISTS (SELECT 1 FROM party_experts x JOIN users xu ON xu.id = x.user_id WHERE x.party_id = p.id AND xu.username = '${u}')`),
    `scoped, ${sort}`);
});
