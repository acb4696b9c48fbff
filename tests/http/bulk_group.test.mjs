// Bulk actions that take a choice (cgi/parties/party_bulk.c, records/rec_bulk.c): "Add to group" and
// "Remove from group" post arg_<do>=<group id>; each chosen party goes through party_group_one (its scope
// for edit checked, the membership and the party's audit row in one transaction); a missing or bad choice
// is refused before anything changes, "all N matching" hands the choice to the worker's job, and the
// list's bar offers the groups as a tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, roleWith,
  newPerson, jobEnded } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const groupsOf = (id) => sql(`SELECT COALESCE(GROUP_CONCAT(group_id ORDER BY group_id), '') FROM party_group_members
  WHERE party_id = ${id}`);
const isMember = (party, group) =>
  sqlInt(`SELECT COUNT(*) FROM party_group_members WHERE party_id = ${party} AND group_id = ${group}`);
const auditCount = (id) =>
  sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id}`);
// the party's newest audit row: what the change recorded (members_tx_run: the groups' names before and after)
const lastAudit = (id) => JSON.parse(sql(`SELECT JSON_OBJECT('action', action, 'module', module,
  'user', COALESCE(user_id, 0), 'old', JSON_VALUE(details, '$.groups.old'), 'now', JSON_VALUE(details, '$.groups.new'))
  FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} ORDER BY id DESC LIMIT 1`));

async function makeGroup(jar, name, parent) {
  const page = await get('/parties/groups', { jar });
  const res = await postForm('/parties/group/create', { csrf_token: csrfOf(page.text), name, parent_id: parent || '' }, jar);
  assert.equal(res.status, 303, `group ${name} created`);
  return sqlInt(`SELECT id FROM party_groups WHERE name = '${name}'`);
}

// Three persons nobody else has as expert: the list filtered by that expert holds exactly them.
async function threePersons(jar) {
  const name = uniqueName('bgx');
  createUser(name, 'bulk-group-pw-1', 'staff');
  const expert = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await newPerson(jar, { last_name: uniqueName('BulkG') }));
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES ${ids.map((id) => `(${id}, ${expert})`).join(', ')}`);
  return { ids, expert, query: `state=all&expert=${expert}` };
}

const jobIdOf = (location) => Number(new URL(location, 'http://x').searchParams.get('id'));

test('with no group yet, the group actions are not offered (applying one could only be refused)', async () => {
  // groups are global: this empties them (the tests' database is made afresh for each run)
  sql('DELETE FROM party_group_members');
  sql('DELETE FROM party_groups ORDER BY LENGTH(path) DESC');
  const jar = await adminSession();
  const { ids: [a], query } = await threePersons(jar);
  const list = await get(`/parties/persons?${query}`, { jar });
  assert.equal(list.status, 200);
  assert.match(list.text, /<option value="star">/, 'the other actions stay');
  assert.doesNotMatch(list.text, /value="group_(add|remove)"|arg_group_/);
  const csrf = csrfOf(list.text);
  assert.equal((await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'group_add', arg_group_add: 1,
    id: [a], query }, jar)).status, 422, 'posted anyway: no such group');
  // the first group made: offered
  const g = await makeGroup(jar, uniqueName('BFirst'));
  const again = await get(`/parties/persons?${query}`, { jar });
  assert.match(again.text, /<option value="group_add">/);
  assert.match(again.text, new RegExp(`<select name="arg_group_add"[^>]*><option value="${g}">`));
  // the bar's actions keep their order, each with its own label
  const actions = [...again.text.matchAll(/<select name="do" id="bulk-do"[^>]*>(.*?)<\/select>/gs)][0][1];
  assert.deepEqual([...actions.matchAll(/<option value="([a-z_]+)">/g)].map((m) => m[1]),
    ['star', 'unstar', 'activate', 'deactivate', 'group_add', 'group_remove', 'expert_add', 'expert_remove', 'delete']);
});

test('group_add: the chosen rows join the group, each with its audit row; again: skipped, nothing recorded', async () => {
  const jar = await adminSession();
  const gname = uniqueName('BG');
  const g = await makeGroup(jar, gname);
  const { ids: [a, b, c], query } = await threePersons(jar);
  const admin = sqlInt("SELECT id FROM users WHERE username = 'admin'");
  const list = await get(`/parties/persons?${query}`, { jar });
  assert.equal(list.status, 200);
  assert.match(list.text, /<option value="group_add">/);
  assert.match(list.text, /<option value="group_remove">/);
  const before = [a, b, c].map(auditCount);

  const res = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'group_add',
    arg_group_add: g, id: [a, b], query }, jar);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/parties/persons?${query}&bulk=group_add&changed=2&skipped=0`);
  assert.deepEqual([isMember(a, g), isMember(b, g), isMember(c, g)], [1, 1, 0]);
  assert.equal(groupsOf(c), '', 'the row not chosen joins nothing');
  assert.deepEqual([a, b, c].map(auditCount), [before[0] + 1, before[1] + 1, before[2]], 'one audit row per changed party');
  for (const id of [a, b])
    assert.deepEqual(lastAudit(id), { action: 'update', module: 'parties', user: admin, old: '', now: gname });
  // the membership is the one the group-filtered list reads (party_group_keys, kept by triggers)
  const inGroup = await get(`/parties/persons?state=all&group=${g}`, { jar });
  for (const id of [a, b]) assert.match(inGroup.text, new RegExp(`name="id" value="${id}" form="bulk-form"`));
  assert.doesNotMatch(inGroup.text, new RegExp(`name="id" value="${c}" form="bulk-form"`));
  const after = await get(res.headers.location, { jar });
  assert.match(after.text, /id="bulk-changed">2</);
  assert.match(after.text, /Added to the group|به گروه افزوده شد|Gruba eklendi/);

  const again = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'group_add',
    arg_group_add: g, id: [a, b], query }, jar);
  assert.equal(again.headers.location, `/parties/persons?${query}&bulk=group_add&changed=0&skipped=2`);
  assert.deepEqual([a, b, c].map(auditCount), [before[0] + 1, before[1] + 1, before[2]], 'nothing recorded for what did not change');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_members WHERE group_id = ${g}`), 2);
});

test('group_add keeps a party\'s other groups and its audit row names them all', async () => {
  const jar = await adminSession();
  const first = uniqueName('BGa'), second = uniqueName('BGb');
  const g1 = await makeGroup(jar, first);
  const g2 = await makeGroup(jar, second);
  const { ids: [a], query } = await threePersons(jar);
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const send = (o) => postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', query, id: [a], ...o }, jar);
  assert.equal((await send({ do: 'group_add', arg_group_add: g1 })).status, 303);
  assert.equal((await send({ do: 'group_add', arg_group_add: g2 })).status, 303);
  assert.equal(groupsOf(a), `${g1},${g2}`);
  assert.deepEqual([lastAudit(a).old, lastAudit(a).now], [first, `${first}, ${second}`]);
  // the other action's choice posted beside it (the bar without JavaScript sends both) is not read
  const rm = await send({ do: 'group_remove', arg_group_remove: g1, arg_group_add: g2 });
  assert.equal(rm.headers.location, `/parties/persons?${query}&bulk=group_remove&changed=1&skipped=0`);
  assert.equal(groupsOf(a), `${g2}`);
  assert.deepEqual([lastAudit(a).old, lastAudit(a).now], [`${first}, ${second}`, second]);
});

test('group_remove takes the chosen rows out, with their audit rows; again: skipped', async () => {
  const jar = await adminSession();
  const gname = uniqueName('BR');
  const g = await makeGroup(jar, gname);
  const { ids: [a, b, c], query } = await threePersons(jar);
  sql(`INSERT INTO party_group_members (group_id, party_id) VALUES (${g}, ${a}), (${g}, ${b}), (${g}, ${c})`);
  const before = [a, b, c].map(auditCount);
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const res = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'group_remove',
    arg_group_remove: g, id: [a, b], query }, jar);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `/parties/persons?${query}&bulk=group_remove&changed=2&skipped=0`);
  assert.deepEqual([isMember(a, g), isMember(b, g), isMember(c, g)], [0, 0, 1]);
  assert.deepEqual([a, b, c].map(auditCount), [before[0] + 1, before[1] + 1, before[2]]);
  for (const id of [a, b]) assert.deepEqual([lastAudit(id).action, lastAudit(id).old, lastAudit(id).now], ['update', gname, '']);
  const inGroup = await get(`/parties/persons?state=all&group=${g}`, { jar });
  assert.doesNotMatch(inGroup.text, new RegExp(`name="id" value="${a}" form="bulk-form"`));
  assert.match(inGroup.text, new RegExp(`name="id" value="${c}" form="bulk-form"`));

  const again = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'group_remove',
    arg_group_remove: g, id: [a, b], query }, jar);
  assert.equal(again.headers.location, `/parties/persons?${query}&bulk=group_remove&changed=0&skipped=2`);
  assert.deepEqual([a, b, c].map(auditCount), [before[0] + 1, before[1] + 1, before[2]]);
});

test('the membership and its audit row are one transaction: an audit row refused leaves the party out', async () => {
  const jar = await adminSession();
  const g = await makeGroup(jar, uniqueName('BT'));
  const { ids: [a, b], query } = await threePersons(jar);
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const trigger = `bulk_group_test_refuse_${a}`;
  sql(`DELIMITER $$
CREATE TRIGGER ${trigger} BEFORE INSERT ON audit_log FOR EACH ROW
BEGIN IF NEW.table_name = 'parties' AND NEW.record_id = ${b} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test'; END IF; END$$
DELIMITER ;`);
  let res;
  try {
    res = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'group_add', arg_group_add: g,
      id: [b], query }, jar);
  } finally {
    sql(`DROP TRIGGER IF EXISTS ${trigger}`);
  }
  assert.ok(res.status >= 500, `the failure said (${res.status})`);
  assert.equal(isMember(b, g), 0, 'no membership without its audit row');
  // the same request once the audit row can be written
  const ok = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'group_add', arg_group_add: g,
    id: [a, b], query }, jar);
  assert.equal(ok.headers.location, `/parties/persons?${query}&bulk=group_add&changed=2&skipped=0`);
  assert.deepEqual([isMember(a, g), isMember(b, g)], [1, 1]);
});

test('a user whose edit scope is "own" adds and removes only their own parties; the rest skipped', async () => {
  const admin = await adminSession();
  const g = await makeGroup(admin, uniqueName('BS'));
  const { ids: [a, b], query } = await threePersons(admin);
  const role = await roleWith(admin, { p_parties_view: 'all', p_parties_edit: 'own' });
  const name = uniqueName('bgs');
  createUser(name, 'bulk-group-pw-2', role);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${a}, ${uid})`); // a is theirs, b is not
  const jar = (await login(name, 'bulk-group-pw-2')).jar;
  const list = await get(`/parties/persons?${query}`, { jar });
  assert.equal(list.status, 200);
  assert.match(list.text, /<option value="group_add">/, 'edit (own) offers the group actions');
  assert.doesNotMatch(list.text, /<option value="star">/);
  const auditB = auditCount(b);
  const res = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'group_add',
    arg_group_add: g, id: [a, b], query }, jar);
  assert.equal(res.headers.location, `/parties/persons?${query}&bulk=group_add&changed=1&skipped=1`);
  assert.deepEqual([isMember(a, g), isMember(b, g)], [1, 0]);
  assert.equal(lastAudit(a).user, uid, 'recorded as the user who did it');
  assert.equal(auditCount(b), auditB, 'nothing recorded for the party out of scope');

  // b made a member by someone else: the user cannot take it out either
  sql(`INSERT INTO party_group_members (group_id, party_id) VALUES (${g}, ${b})`);
  const rm = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'group_remove',
    arg_group_remove: g, id: [a, b], query }, jar);
  assert.equal(rm.headers.location, `/parties/persons?${query}&bulk=group_remove&changed=1&skipped=1`);
  assert.deepEqual([isMember(a, g), isMember(b, g)], [0, 1]);
  assert.equal(auditCount(b), auditB);

  // without edit at all: not offered, and refused
  const viewer = await roleWith(admin, { p_parties_view: 'all' });
  const vname = uniqueName('bgv');
  createUser(vname, 'bulk-group-pw-3', viewer);
  const vjar = (await login(vname, 'bulk-group-pw-3')).jar;
  const vlist = await get(`/parties/persons?${query}`, { jar: vjar });
  assert.doesNotMatch(vlist.text, /group_add/);
  const refused = await postForm('/parties/bulk', { csrf_token: csrfOf(vlist.text), list: 'persons', do: 'group_add',
    arg_group_add: g, id: [a], query }, vjar);
  assert.equal(refused.status, 403);
  assert.equal(isMember(a, g), 0);
});

test('a missing or bad choice: 400; a group that does not exist: 422; nothing changes', async () => {
  const jar = await adminSession();
  const g = await makeGroup(jar, uniqueName('BD'));
  const { ids: [a, b], query } = await threePersons(jar);
  sql(`INSERT INTO party_group_members (group_id, party_id) VALUES (${g}, ${b})`);
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const send = (o) => postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', query, id: [a, b], ...o }, jar);
  const audits = [a, b].map(auditCount);
  const jobs = sqlInt('SELECT COUNT(*) FROM jobs');
  const missing = 1 + sqlInt('SELECT COALESCE(MAX(id), 0) FROM party_groups') + 1000;

  for (const act of ['group_add', 'group_remove']) {
    const arg = `arg_${act}`;
    assert.equal((await send({ do: act })).status, 400, `${act}: no choice`);
    for (const bad of ['', 'abc', '12x', '0', '-3', ' 1', '99999999999999999999999'])
      assert.equal((await send({ do: act, [arg]: bad })).status, 400, `${act}: choice ${JSON.stringify(bad)}`);
    // the other action's choice is not this one's
    const other = act === 'group_add' ? 'arg_group_remove' : 'arg_group_add';
    assert.equal((await send({ do: act, [other]: g })).status, 400, `${act}: only ${other}`);
    assert.equal((await send({ do: act, [arg]: missing })).status, 422, `${act}: no such group`);
    // all matching too: refused before a job is made
    assert.equal((await send({ do: act, all: 1, id: [] })).status, 400, `${act}: all, no choice`);
    assert.equal((await send({ do: act, all: 1, id: [], [arg]: missing })).status, 422, `${act}: all, no such group`);
  }
  assert.deepEqual([isMember(a, g), isMember(b, g)], [0, 1]);
  assert.equal(groupsOf(a), '');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_members WHERE group_id = ${missing}`), 0);
  assert.deepEqual([a, b].map(auditCount), audits, 'no audit row');
  assert.equal(sqlInt('SELECT COUNT(*) FROM jobs'), jobs, 'no job');
});

test('"all N matching" with group_add: a job that adds every row of the filtered list to the posted group', async () => {
  const jar = await adminSession();
  const decoy = await makeGroup(jar, uniqueName('BJd'));
  const gname = uniqueName('BJ');
  const g = await makeGroup(jar, gname);
  const { ids, query } = await threePersons(jar);
  const outside = await newPerson(jar, { last_name: uniqueName('BulkOut') }); // not in the filtered list
  sql(`INSERT INTO party_group_members (group_id, party_id) VALUES (${g}, ${ids[2]})`); // one already in
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const res = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'group_add', all: 1,
    arg_group_add: g, arg_group_remove: decoy, query }, jar);
  assert.equal(res.status, 303);
  assert.match(res.headers.location, /^\/home\/job\?id=\d+$/);
  const job = jobIdOf(res.headers.location);
  const params = JSON.parse(sql(`SELECT params FROM jobs WHERE id = ${job}`));
  assert.equal(params.do, 'group_add');
  assert.equal(params.arg, String(g), 'the choice goes with the job');
  assert.equal(params.query, query);
  const page = await jobEnded(jar, job);
  assert.match(page.text, /data-state="done"/);
  const link = page.text.match(/id="job-result" href="([^"]+)"/);
  assert.ok(link, 'the job links to the list');
  assert.match(link[1].replace(/&amp;/g, '&'), new RegExp(`expert=\\d+&bulk=group_add&changed=2&skipped=1$`));
  for (const id of ids) assert.equal(isMember(id, g), 1, `party ${id} in the group`);
  assert.equal(isMember(outside, g), 0, 'a party outside the filter is left');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_members WHERE group_id = ${decoy}`), 0, 'the other choice is not read');
  for (const id of ids.slice(0, 2)) assert.deepEqual([lastAudit(id).old, lastAudit(id).now], ['', gname]);

  // and out again, over the list filtered by that group: the list shrinks as the job walks it
  const out = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'group_remove', all: 1,
    arg_group_remove: g, query: `${query}&group=${g}` }, jar);
  assert.equal(out.status, 303);
  const outPage = await jobEnded(jar, jobIdOf(out.headers.location));
  assert.match(outPage.text, /data-state="done"/);
  assert.match(outPage.text.match(/id="job-result" href="([^"]+)"/)[1].replace(/&amp;/g, '&'),
    /bulk=group_remove&changed=3&skipped=0$/);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_members WHERE group_id = ${g}`), 0);
});

test('"all N matching" for a user with edit scope "own": the job changes only their parties', async () => {
  const admin = await adminSession();
  const g = await makeGroup(admin, uniqueName('BJo'));
  const { ids: [a, b, c], query } = await threePersons(admin);
  const role = await roleWith(admin, { p_parties_view: 'all', p_parties_edit: 'own', p_home_view: 'all' });
  const name = uniqueName('bgo');
  createUser(name, 'bulk-group-pw-4', role);
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${a}, ${uid}), (${c}, ${uid})`);
  const jar = (await login(name, 'bulk-group-pw-4')).jar;
  const csrf = csrfOf((await get(`/parties/persons?${query}`, { jar })).text);
  const res = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'group_add', all: 1,
    arg_group_add: g, query }, jar);
  assert.equal(res.status, 303);
  const page = await jobEnded(jar, jobIdOf(res.headers.location));
  assert.match(page.text, /data-state="done"/);
  assert.deepEqual([isMember(a, g), isMember(b, g), isMember(c, g)], [1, 0, 1]);
});

test('the list\'s bar offers the groups as a tree for both actions, names escaped', async () => {
  const jar = await adminSession();
  const topName = uniqueName('BLtop'), subName = uniqueName('BLsub'), leafName = `${uniqueName('BLleaf')} <i>&`;
  const top = await makeGroup(jar, topName);
  const sub = await makeGroup(jar, subName, top);
  const leaf = await makeGroup(jar, leafName, sub);
  const page = await get('/parties/persons', { jar });
  assert.equal(page.status, 200);
  for (const act of ['group_add', 'group_remove']) {
    const m = page.text.match(new RegExp(`<select name="arg_${act}" id="bulk-arg-${act}" class="[^"]*\\bbulk-arg\\b[^"]*" data-for="${act}"[^>]*>(.*?)</select>`, 's'));
    assert.ok(m, `the ${act} select`);
    const options = [...m[1].matchAll(/<option value="(\d+)">([^<]*)<\/option>/g)].map((o) => [Number(o[1]), o[2]]);
    const at = (id) => options.findIndex(([v]) => v === id);
    assert.ok(at(top) >= 0 && at(sub) === at(top) + 1 && at(leaf) === at(sub) + 1, `${act}: the branch in tree order`);
    assert.equal(options[at(top)][1], topName, 'a top group not indented');
    assert.equal(options[at(sub)][1], `— ${subName}`, 'a sub-group indented once');
    assert.equal(options[at(leaf)][1].replace(/&lt;i&gt;&amp;$/, '<i>&'), `— — ${leafName}`, 'its child twice');
    assert.match(options[at(leaf)][1], /&lt;i&gt;&amp;$/, 'the name escaped');
    assert.equal(options.length, sqlInt('SELECT COUNT(*) FROM party_groups'), 'every group offered');
  }
  assert.doesNotMatch(page.text, /<i>&</, 'no raw markup from a group name');
  // companies list: the same bar
  const companies = await get('/parties/companies', { jar });
  assert.match(companies.text, /<select name="arg_group_add"[^>]*>.*?<option value="\d+">/s);
});
