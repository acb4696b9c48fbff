// The demo rows (conf/demo-data.sh, made by crm-demo-rows) must be what the CRM itself stores for
// such parties, or the scale test measures searches over terms the application would never write.
// Saving a party unchanged through its form makes the parties module write name_norm again and
// rebuild the derived values (party_derived_rebuild); for demo parties in each script, that must
// change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, csrfOf, sql, adminPassword, login, postForm } from './helpers.mjs';

const derived = (id) => sql(`SELECT CONCAT_WS('|', p.name_norm, p.primary_phone, p.primary_email, p.primary_website,
  (SELECT GROUP_CONCAT(CONCAT(s.kind, ':', s.term) ORDER BY s.kind, s.term SEPARATOR ' ') FROM party_search s WHERE s.party_id = p.id))
  FROM parties p WHERE p.id = ${id}`);

test('demo parties hold exactly the derived values the parties module writes', async () => {
  const { jar } = await login('admin', adminPassword());
  const pick = (where) => sql(`SELECT MIN(id) FROM parties WHERE code LIKE '_%-%' AND ${where}`);
  const ids = [pick("display_name LIKE '% کریمی'"), pick("display_name = 'Ayşe Yılmaz'"), pick("display_name LIKE 'John %'"),
    pick("kind = 'company' AND id % 3 = 0"), pick("kind = 'company' AND display_name LIKE 'Boğaziçi %'")];
  for (const id of ids) {
    assert.ok(Number(id) > 0, 'the demo data has such a party');
    const before = derived(id);
    assert.match(before, /p:\d+/, 'a phone term');
    const [kind, code, version, first, last, company] = sql(`SELECT CONCAT_WS('|', p.kind, p.code, p.version,
      COALESCE(pe.first_name, ''), COALESCE(pe.last_name, ''), p.display_name) FROM parties p
      LEFT JOIN persons pe ON pe.party_id = p.id WHERE p.id = ${id}`).split('|');
    const names = kind === 'person' ? { first_name: first, last_name: last } : { company_name: company };
    const csrf = csrfOf((await get(`/parties/party?id=${id}`, { jar })).text);
    const save = await postForm('/parties/party/update', { csrf_token: csrf, id, version, kind, code, ...names }, jar);
    assert.equal(save.status, 303, save.text.slice(0, 300));
    assert.equal(sql(`SELECT version FROM parties WHERE id = ${id}`), String(Number(version) + 1), 'saved');
    assert.equal(derived(id), before, `party ${id}: the module's rebuild differs from the demo rows`);
  }
});

test('the demo data holds company trees, two levels deep, so make run shows one', () => {
  const demo = "SELECT p.id FROM parties p WHERE p.code LIKE 'C%-%' AND p.kind = 'company' AND p.created_by = (SELECT id FROM users WHERE username = 'admin')";
  const linked = Number(sql(`SELECT COUNT(*) FROM companies c WHERE c.party_id IN (${demo}) AND c.parent_id IN (${demo})`));
  const companies = Number(sql(`SELECT COUNT(*) FROM (${demo}) d`));
  assert.ok(companies >= 10 && linked >= Math.floor(companies / 10) * 4, `${linked} of ${companies}`);
  assert.ok(Number(sql(`SELECT COUNT(*) FROM companies c JOIN companies up ON up.party_id = c.parent_id
    WHERE c.party_id IN (${demo}) AND up.parent_id IS NOT NULL`)) >= 1);
});
