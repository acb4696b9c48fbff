// "Assign to" and "Remove the expert" on the persons and companies lists (cgi/parties/experts.c):
// arg_<do> names an active user; each chosen party is checked in the user's scope for assign and
// changed in its own transaction with its audit row naming the experts before and after; a user
// without "assign" is refused, a missing or retired user is refused before anything changes, and
// "all N matching" hands the choice to the worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, roleWith,
  newPerson, jobEnded } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const isExpert = (party, user) => sqlInt(`SELECT COUNT(*) FROM party_experts WHERE party_id = ${party} AND user_id = ${user}`);
const lastAudit = (id) => JSON.parse(sql(`SELECT JSON_OBJECT('action', action, 'old', JSON_VALUE(details, '$.experts.old'),
  'now', JSON_VALUE(details, '$.experts.new')) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} ORDER BY id DESC LIMIT 1`));
const auditCount = (id) => sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id}`);

function newUser(prefix, role = 'staff') {
  const name = uniqueName(prefix);
  createUser(name, 'bulk-expert-pw-1', role);
  return { name, id: sqlInt(`SELECT id FROM users WHERE username = '${name}'`) };
}

// Three persons only a fresh user is expert of: the list filtered by that user holds exactly them.
async function threePersons(jar) {
  const owner = newUser('bex');
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await newPerson(jar, { last_name: uniqueName('BulkE') }));
  sql(`DELETE FROM party_experts WHERE party_id IN (${ids.join(',')})`);
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES ${ids.map((id) => `(${id}, ${owner.id})`).join(', ')}`);
  return { ids, owner, query: `state=all&expert=${owner.id}` };
}

test('expert_add and expert_remove: the chosen rows, each audited by name; again: skipped', async () => {
  const jar = await adminSession();
  const { ids: [a, b, c], owner, query } = await threePersons(jar);
  const helper = newUser('bexh');
  sql(`UPDATE users SET display_name = 'Helper ${helper.name}' WHERE id = ${helper.id}`);
  const list = await get(`/parties/persons?${query}`, { jar });
  assert.match(list.text, /<option value="expert_add">/);
  assert.match(list.text, new RegExp(`<select name="arg_expert_add"[^>]*>[\\s\\S]*?<option value="${helper.id}">Helper ${helper.name}</option>`));
  const csrf = csrfOf(list.text);
  const res = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'expert_add', arg_expert_add: helper.id,
    id: [a, b], query }, jar);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  assert.match(res.headers.location, /bulk=expert_add&changed=2&skipped=0/);
  assert.equal(isExpert(a, helper.id) + isExpert(b, helper.id) + isExpert(c, helper.id), 2);
  assert.equal(isExpert(a, owner.id), 1, 'the other experts stay');
  const audit = lastAudit(a);
  assert.equal(audit.action, 'update');
  assert.equal(audit.old, owner.name);
  assert.match(audit.now, new RegExp(`Helper ${helper.name}`));
  assert.match(audit.now, new RegExp(owner.name));
  // again: nothing changes, nothing recorded
  const before = auditCount(a);
  const again = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'expert_add', arg_expert_add: helper.id,
    id: [a], query }, jar);
  assert.match(again.headers.location, /changed=0&skipped=1/);
  assert.equal(auditCount(a), before);
  // the notice after the run names the action
  const notice = await get(new URL(res.headers.location, 'http://x').pathname + new URL(res.headers.location, 'http://x').search, { jar });
  assert.equal(notice.status, 200);
  // taken off again
  const off = await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'expert_remove', arg_expert_remove: helper.id,
    id: [a, b, c], query }, jar);
  assert.match(off.headers.location, /bulk=expert_remove&changed=2&skipped=1/);
  assert.equal(isExpert(a, helper.id) + isExpert(b, helper.id), 0);
  assert.equal(lastAudit(b).now, owner.name);
});

test('a missing, unknown or retired user is refused before anything changes; without "assign" the action is neither offered nor taken', async () => {
  const jar = await adminSession();
  const { ids: [a], query } = await threePersons(jar);
  const list = await get(`/parties/persons?${query}`, { jar });
  const csrf = csrfOf(list.text);
  const retired = newUser('bexr');
  sql(`UPDATE users SET is_active = 0 WHERE id = ${retired.id}`);
  const before = auditCount(a);
  assert.equal((await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'expert_add', id: [a], query }, jar)).status, 400);
  assert.equal((await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'expert_add', arg_expert_add: 'x', id: [a], query }, jar)).status, 400);
  assert.equal((await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'expert_add', arg_expert_add: 999999999, id: [a], query }, jar)).status, 422);
  assert.equal((await postForm('/parties/bulk', { csrf_token: csrf, list: 'persons', do: 'expert_add', arg_expert_add: retired.id, id: [a], query }, jar)).status, 422);
  assert.equal(isExpert(a, retired.id), 0);
  assert.equal(auditCount(a), before);
  const bar = (await get(`/parties/persons?${query}`, { jar })).text.match(/<select name="arg_expert_add"[\s\S]*?<\/select>/)[0];
  assert.ok(!bar.includes(`<option value="${retired.id}">`), `a retired user is not offered: ${bar.slice(0, 300)}`);

  const admin = jar;
  const role = await roleWith(admin, { p_parties_view: 'all', p_parties_edit: 'all', p_home_view: 'all' });
  const editor = newUser('bexe', role);
  const { jar: ej } = await login(editor.name, 'bulk-expert-pw-1');
  const theirs = await get(`/parties/persons?${query}`, { jar: ej });
  assert.equal(theirs.status, 200);
  assert.doesNotMatch(theirs.text, /value="expert_add"/);
  const refused = await postForm('/parties/bulk', { csrf_token: csrfOf(theirs.text), list: 'persons', do: 'expert_add',
    arg_expert_add: editor.id, id: [a], query }, ej);
  assert.equal(refused.status, 403);
  assert.equal(isExpert(a, editor.id), 0);
});

test('assign scope "own": only the user\'s own parties change; "all N matching" as a job does the same', async () => {
  const admin = await adminSession();
  const role = await roleWith(admin, { p_parties_view: 'all', p_parties_assign: 'own', p_home_view: 'all' });
  const lead = newUser('bexl', role);
  const { ids: [a, b, c], query } = await threePersons(admin);
  sql(`INSERT INTO party_experts (party_id, user_id) VALUES (${a}, ${lead.id}), (${c}, ${lead.id})`); // a and c are theirs
  const helper = newUser('bexo');
  const { jar } = await login(lead.name, 'bulk-expert-pw-1');
  const list = await get(`/parties/persons?${query}`, { jar });
  assert.match(list.text, /value="expert_add"/);
  const res = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'expert_add',
    arg_expert_add: helper.id, id: [a, b], query }, jar);
  assert.match(res.headers.location, /changed=1&skipped=1/);
  assert.equal(isExpert(a, helper.id), 1);
  assert.equal(isExpert(b, helper.id), 0, 'not theirs: skipped');
  // all matching: a job over the list as the asker, in their scope
  const all = await postForm('/parties/bulk', { csrf_token: csrfOf(list.text), list: 'persons', do: 'expert_remove',
    arg_expert_remove: sqlInt(`SELECT user_id FROM party_experts WHERE party_id = ${b} AND user_id <> ${lead.id} LIMIT 1`),
    all: 1, query }, jar);
  assert.equal(all.status, 303, all.text.slice(0, 300));
  const job = Number(new URL(all.headers.location, 'http://x').searchParams.get('id'));
  assert.match((await jobEnded(jar, job)).text, /data-state="done"/);
  // the owner (the removed expert) stays on b, which is not the lead's; it is gone from a and c
  const owner = sqlInt(`SELECT user_id FROM party_experts WHERE party_id = ${b} AND user_id <> ${lead.id} LIMIT 1`);
  assert.equal(isExpert(b, owner), 1, 'out of their scope: untouched');
  assert.equal(isExpert(a, owner) + isExpert(c, owner), 0);
});
