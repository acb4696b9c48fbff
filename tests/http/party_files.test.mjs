// Files on a party's record and a company's logo (stored outside the web root under random names, typed
// by their bytes, sent only within the user's scope), relation removal, districts, icons and colours,
// and a deactivated managed-list entry that a record keeps through its next save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { get, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, postForm, postMultipart, roleWith,
  lookup, createParty, partyId, newPerson, VAR, ROOT } from './helpers.mjs';

const adminSession = async () => (await login('admin', adminPassword())).jar;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// a real 1x1 PNG
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6f4b70000000049454e44ae426082', 'hex');
const elf = Buffer.concat([Buffer.from('7f454c46020101', 'hex'), Buffer.alloc(64, 0)]);

const storedFiles = () => {
  const dir = path.join(VAR, 'uploads');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).filter((f) => /^[0-9a-f]{64}$/.test(path.basename(f)));
};

async function attach(jar, partyIdValue, file, note = '') {
  const page = await get(`/parties/party?id=${partyIdValue}`, { jar });
  return postMultipart('/parties/attachment/add', { csrf_token: csrfOf(page.text), party_id: partyIdValue, note },
    [{ field: 'file', ...file }], jar);
}

test('a file attached to a person: listed, downloaded byte for byte, audited, removed to the trail', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, {});
  const before = storedFiles().length;
  const res = await attach(jar, id, { name: 'قرارداد ۱۴۰۳.pdf', data: pdf, type: 'application/pdf' }, 'signed copy');
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const row = sql(`SELECT CONCAT_WS('|', id, stored_name, content_type, size_bytes, sha256) FROM attachments WHERE owner_table = 'parties' AND owner_id = ${id}`).split('|');
  const [aid, stored, type, size] = row;
  assert.equal(type, 'application/pdf');
  assert.equal(Number(size), pdf.length);
  assert.equal(storedFiles().length, before + 1);
  // kept under var/uploads by its random name, never under the web root or by the client's name
  assert.ok(fs.existsSync(path.join(VAR, 'uploads', stored.slice(0, 2), stored)));
  assert.ok(!fs.readdirSync(path.join(ROOT, 'html'), { recursive: true }).some((f) => f.includes(stored)));
  const page = await get(`/parties/party?id=${id}`, { jar });
  assert.match(page.text, /id="attachments">[\s\S]*قرارداد ۱۴۰۳\.pdf[\s\S]*signed copy/);
  const dl = await get(`/parties/attachment?party_id=${id}&id=${aid}`, { jar });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.match(dl.headers['content-disposition'], /^attachment; .*filename\*=UTF-8''%D9%82/);
  assert.equal(dl.headers['x-content-type-options'], 'nosniff');
  assert.ok(dl.body.equals(pdf), 'the same bytes come back');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'attach'`), 1);
  // another party's id in the URL does not reach it
  const other = await newPerson(jar, {});
  assert.equal((await get(`/parties/attachment?party_id=${other}&id=${aid}`, { jar })).status, 404);
  // removal: gone from the page and the URL, kept on disk and in the trail
  const del = await postForm('/parties/attachment/delete', { csrf_token: csrfOf(page.text), party_id: id, id: aid }, jar);
  assert.equal(del.status, 303);
  assert.equal((await get(`/parties/attachment?party_id=${id}&id=${aid}`, { jar })).status, 404);
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text, /id="attachments"><\/ul>/);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id} AND action = 'attach_delete'`), 1);
  assert.ok(fs.existsSync(path.join(VAR, 'uploads', stored.slice(0, 2), stored)));
  assert.equal((await postForm('/parties/attachment/delete', { csrf_token: csrfOf(page.text), party_id: id, id: aid }, jar)).status, 404);
});

test('refused files change nothing: a program, an empty file, one over the limit', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, {});
  const files = storedFiles().length;
  const audits = sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id}`);
  const bad = await attach(jar, id, { name: 'invoice.pdf.exe', data: elf });
  assert.equal(bad.status, 415);
  assert.match(bad.text, /id="file-error"/);
  const empty = await attach(jar, id, { name: 'empty.txt', data: Buffer.alloc(0) });
  assert.equal(empty.status, 422);
  const big = await attach(jar, id, { name: 'big.txt', data: Buffer.alloc(8 * 1024 * 1024 + 1, 'a') });
  assert.equal(big.status, 413);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM attachments WHERE owner_id = ${id}`), 0);
  assert.equal(storedFiles().length, files, 'nothing left on disk');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'parties' AND record_id = ${id}`), audits);
  // an office document is told apart by its container and name; text is UTF-8 only
  assert.equal((await attach(jar, id, { name: 'offer.docx', data: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(30)]) })).status, 303);
  assert.equal((await attach(jar, id, { name: 'notes.txt', data: Buffer.from('سلام، یادداشت') })).status, 303);
  assert.equal((await attach(jar, id, { name: 'latin1.txt', data: Buffer.from([0x63, 0x61, 0x66, 0xe9]) })).status, 415);
  assert.equal(sql(`SELECT GROUP_CONCAT(content_type ORDER BY id SEPARATOR ' ') FROM attachments WHERE owner_id = ${id}`),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document text/plain; charset=utf-8');
});

test('files follow the record scope: out of scope is not found, view-only cannot upload', async () => {
  const jar = await adminSession();
  const ownRole = await roleWith(jar, { p_parties_view: 'own', p_parties_create: 'all', p_parties_edit: 'own', p_home_view: 'all' });
  const viewRole = await roleWith(jar, { p_parties_view: 'all', p_home_view: 'all' });
  const own = uniqueName('own'), viewer = uniqueName('view');
  createUser(own, 'files-password-1', ownRole);
  createUser(viewer, 'files-password-1', viewRole);
  const id = await newPerson(jar, {});
  assert.equal((await attach(jar, id, { name: 'a.pdf', data: pdf })).status, 303);
  const aid = sqlInt(`SELECT id FROM attachments WHERE owner_id = ${id}`);
  const o = (await login(own, 'files-password-1')).jar;
  assert.equal((await get(`/parties/attachment?party_id=${id}&id=${aid}`, { jar: o })).status, 404, 'not assigned to them');
  const ownParty = await newPerson(o, {});
  const ownPage = await get(`/parties/party?id=${ownParty}`, { jar: o });
  const up = await postMultipart('/parties/attachment/add', { csrf_token: csrfOf(ownPage.text), party_id: id },
    [{ field: 'file', name: 'x.pdf', data: pdf }], o);
  assert.equal(up.status, 404, 'cannot attach to a party out of scope');
  const v = (await login(viewer, 'files-password-1')).jar;
  const dl = await get(`/parties/attachment?party_id=${id}&id=${aid}`, { jar: v });
  assert.equal(dl.status, 200);
  const vPage = await get(`/parties/party?id=${id}`, { jar: v });
  assert.doesNotMatch(vPage.text, /id="attachment-form"/);
  const denied = await postMultipart('/parties/attachment/add', { csrf_token: csrfOf(vPage.text), party_id: id },
    [{ field: 'file', name: 'x.pdf', data: pdf }], v);
  assert.equal(denied.status, 403);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM attachments WHERE owner_id = ${id}`), 1);
  // no session: the login page, never the file
  assert.equal((await get(`/parties/attachment?party_id=${id}&id=${aid}`)).status, 303);
});

test('a company logo: a picture only, shown inline on the record, replaced by the next one', async () => {
  const jar = await adminSession();
  const code = uniqueName('C');
  assert.equal((await createParty(jar, { kind: 'company', code, company_name: `Logo Co ${code}` })).status, 303);
  const id = partyId(code);
  const page = await get(`/parties/party?id=${id}`, { jar });
  assert.match(page.text, /id="logo-form"/);
  const csrf = csrfOf(page.text);
  const wrong = await postMultipart('/parties/logo/set', { csrf_token: csrf, party_id: id }, [{ field: 'logo', name: 'logo.pdf', data: pdf }], jar);
  assert.equal(wrong.status, 415);
  assert.match(wrong.text, /id="logo-error"/);
  assert.equal((await postMultipart('/parties/logo/set', { csrf_token: csrf, party_id: id }, [{ field: 'logo', name: 'logo.png', data: png }], jar)).status, 303);
  const shown = await get(`/parties/party?id=${id}`, { jar });
  assert.match(shown.text, new RegExp(`<img class="logo" id="logo" src="/parties/logo\\?id=${id}&amp;v=\\d+"`));
  const img = await get(`/parties/logo?id=${id}`, { jar });
  assert.equal(img.status, 200);
  assert.equal(img.headers['content-type'], 'image/png');
  assert.equal(img.headers['content-disposition'], undefined, 'shown, not downloaded');
  assert.ok(img.body.equals(png));
  const second = Buffer.concat([png.subarray(0, png.length - 12), png.subarray(png.length - 12)]);
  assert.equal((await postMultipart('/parties/logo/set', { csrf_token: csrf, party_id: id }, [{ field: 'logo', name: 'new.png', data: second }], jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM attachments WHERE owner_id = ${id} AND purpose = 'logo' AND is_deleted = 0`), 1);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM attachments WHERE owner_id = ${id} AND purpose = 'logo'`), 2, 'the old one kept');
  // persons have no logo
  const person = await newPerson(jar, {});
  const pp = await get(`/parties/party?id=${person}`, { jar });
  assert.doesNotMatch(pp.text, /id="logo-form"/);
  assert.equal((await postMultipart('/parties/logo/set', { csrf_token: csrfOf(pp.text), party_id: person }, [{ field: 'logo', name: 'l.png', data: png }], jar)).status, 404);
});

test('purging a party removes its files from the database and the disk', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, {});
  assert.equal((await attach(jar, id, { name: 'p.pdf', data: pdf })).status, 303);
  const stored = sql(`SELECT stored_name FROM attachments WHERE owner_id = ${id}`);
  const csrf = csrfOf((await get(`/parties/party?id=${id}`, { jar })).text);
  assert.equal((await postForm('/parties/party/delete', { csrf_token: csrf, id }, jar)).status, 303);
  assert.ok(fs.existsSync(path.join(VAR, 'uploads', stored.slice(0, 2), stored)), 'the recycle bin keeps files');
  assert.equal((await postForm('/parties/party/purge', { csrf_token: csrf, id }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM attachments WHERE owner_id = ${id} AND owner_table = 'parties'`), 0);
  assert.ok(!fs.existsSync(path.join(VAR, 'uploads', stored.slice(0, 2), stored)));
});

test('a relation is removed from both records, audited on both', async () => {
  const jar = await adminSession();
  const a = await newPerson(jar, {});
  const codeB = uniqueName('B');
  assert.equal((await createParty(jar, { kind: 'company', code: codeB, company_name: `Rel ${codeB}` })).status, 303);
  const b = partyId(codeB);
  const page = await get(`/parties/party?id=${a}`, { jar });
  assert.equal((await postForm('/parties/relation/add', { csrf_token: csrfOf(page.text), party_id: a, relation: lookup('relation', 'supplier_of'), other_code: codeB }, jar)).status, 303);
  const rel = sqlInt(`SELECT id FROM party_relations WHERE from_party_id = ${a}`);
  const onB = await get(`/parties/party?id=${b}`, { jar });
  assert.match(onB.text, /action="\/parties\/relation\/delete"/);
  // removed from the other side's page
  assert.equal((await postForm('/parties/relation/delete', { csrf_token: csrfOf(onB.text), party_id: b, id: rel }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM party_relations WHERE id = ${rel}`), 0);
  assert.doesNotMatch((await get(`/parties/party?id=${a}`, { jar })).text, new RegExp(`party\\?id=${b}"`));
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'relation_delete' AND record_id IN (${a}, ${b})`), 2);
  // a relation of other parties is not reached through this one
  const c = await newPerson(jar, {});
  assert.equal((await postForm('/parties/relation/delete', { csrf_token: csrfOf(onB.text), party_id: c, id: rel }, jar)).status, 404);
});

test('a district within the chosen city; another city\'s district is refused', async () => {
  const jar = await adminSession();
  const csrf = csrfOf((await get('/parties/places', { jar })).text);
  const cities = sql("SELECT id FROM places WHERE level = 'city' ORDER BY id LIMIT 2").split('\n').map(Number);
  const name = uniqueName('محله');
  assert.equal((await postForm('/parties/place/create', { csrf_token: csrf, parent_id: cities[0], name }, jar)).status, 303);
  const district = sqlInt(`SELECT id FROM places WHERE parent_id = ${cities[0]} AND name = '${name}'`);
  assert.equal(sql(`SELECT level FROM places WHERE id = ${district}`), 'district');
  const wrong = await createParty(jar, { code: uniqueName('D'), last_name: 'District', city_id: cities[1], district_id: district });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /name="district_id"[\s\S]*?<\/select>\s*<span class="field-error" id="district_id-error">/);
  const id = await newPerson(jar, { city_id: cities[0], district_id: district });
  assert.equal(sqlInt(`SELECT district_id FROM parties WHERE id = ${id}`), district);
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text, new RegExp(`id="f-district_id">[^<]* › ${name}<`));
  const list = await get(`/parties/persons?cols=code,display_name,district&city=${cities[0]}&sort=created&dir=desc`, { jar });
  assert.match(list.text, new RegExp(`<td data-label="[^"]*">${name}</td>`));
});

test('icon and colour in lists; a company\'s colour can follow its current rank', async () => {
  const jar = await adminSession();
  const tag = uniqueName('Icon');
  const person = await newPerson(jar, { last_name: tag, icon: 'crown', color: '#123456' });
  const row = await get(`/parties/party?id=${person}`, { jar });
  assert.match(row.text, /class="party-icon" title="[^"]+">♛<\/span><svg class="swatch"[^>]*><rect [^>]*fill="#123456"/);
  assert.equal((await createParty(jar, { last_name: 'Bad', icon: 'skull' })).status, 422);
  const code = uniqueName('RC');
  assert.equal((await createParty(jar, { kind: 'company', code, company_name: `${tag} Co`, color: '#abcdef', color_from_rank: 1 })).status, 303);
  const co = partyId(code);
  assert.equal(sqlInt(`SELECT color_from_rank FROM companies WHERE party_id = ${co}`), 1);
  const rankB = sql("SELECT CONCAT(id, ' ', color) FROM rank_types WHERE name = 'B'").split(' ');
  const page = await get(`/parties/party?id=${co}`, { jar });
  assert.match(page.text, /fill="#abcdef"/, 'no rank yet: its own colour');
  assert.equal((await postForm('/parties/ranking/add', { csrf_token: csrfOf(page.text), party_id: co, rank_id: rankB[0], start_date: '1400/01/01' }, jar)).status, 303);
  assert.match((await get(`/parties/party?id=${co}`, { jar })).text, new RegExp(`<h1 id="party-name">[^\\n]*fill="${rankB[1]}"`));
  const companies = await get(`/parties/companies?cols=code,display_name,rank&rank=${rankB[0]}`, { jar });
  assert.match(companies.text, new RegExp(`fill="${rankB[1]}"/></svg><a href="/parties/party\\?id=${co}"`));
  // unticked on the edit form: back to its own colour
  const edit = await get(`/parties/party/edit?id=${co}`, { jar });
  assert.match(edit.text, /id="color_from_rank" name="color_from_rank" value="1" checked/);
  const version = sqlInt(`SELECT version FROM parties WHERE id = ${co}`);
  assert.equal((await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id: co, version, kind: 'company', code, company_name: `${tag} Co`, color: '#abcdef' }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT color_from_rank FROM companies WHERE party_id = ${co}`), 0);
  assert.match(sql(`SELECT details FROM audit_log WHERE table_name = 'parties' AND record_id = ${co} AND action = 'update' ORDER BY id DESC LIMIT 1`), /color_from_rank/);
});

test('a deactivated list entry stays on the records that hold it, through their next save', async () => {
  const jar = await adminSession();
  const lists = await get('/parties/lists?kind=source', { jar });
  const csrf = csrfOf(lists.text);
  const code = uniqueName('old').toLowerCase();
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', code, name_fa: 'قدیمی', name_en: `Old ${code}`, name_tr: 'Eski', sort: 90 }, jar)).status, 303);
  const src = lookup('source', code);
  const id = await newPerson(jar, { source_id: src });
  assert.equal((await postForm('/parties/list/save', { csrf_token: csrf, kind: 'source', id: src, version: 1, name_fa: 'قدیمی', name_en: `Old ${code}`, name_tr: 'Eski', sort: 90 }, jar)).status, 303);
  assert.equal(sqlInt(`SELECT is_active FROM lookups WHERE id = ${src}`), 0);
  const edit = await get(`/parties/party/edit?id=${id}`, { jar });
  assert.match(edit.text, new RegExp(`<option value="${src}" selected>`), 'still shown, chosen');
  const personCode = sql(`SELECT code FROM parties WHERE id = ${id}`);
  const saved = await postForm('/parties/party/update', { csrf_token: csrfOf(edit.text), id, version: 1, code: personCode, last_name: 'Test', source_id: src, notes: 'saved again' }, jar);
  assert.equal(saved.status, 303, saved.text.slice(0, 300));
  assert.equal(sqlInt(`SELECT source_id FROM parties WHERE id = ${id}`), src);
  assert.match((await get(`/parties/party?id=${id}`, { jar })).text, new RegExp(`Old ${code}|قدیمی`), 'its name still shows');
  // a record that does not hold it cannot take it
  const sources = (await get('/parties/person/new', { jar })).text.match(/name="source_id">([\s\S]*?)<\/select>/)[1];
  assert.doesNotMatch(sources, new RegExp(`value="${src}"`));
  assert.equal((await createParty(jar, { last_name: 'New', source_id: src })).status, 422);
});

test('a recorded file that cannot be sent is an error page, never an empty 200', async () => {
  const jar = await adminSession();
  const id = await newPerson(jar, {});
  assert.equal((await attach(jar, id, { name: 'gone.pdf', data: pdf, type: 'application/pdf' })).status, 303);
  const [aid, stored] = sql(`SELECT CONCAT_WS('|', id, stored_name) FROM attachments WHERE owner_table = 'parties' AND owner_id = ${id}`).split('|');
  const file = path.join(VAR, 'uploads', stored.slice(0, 2), stored);
  // something that is not a readable file where the file should be: a server fault, said so before any byte
  fs.rmSync(file);
  fs.mkdirSync(file);
  const broken = await get(`/parties/attachment?party_id=${id}&id=${aid}`, { jar });
  assert.equal(broken.status, 500);
  assert.match(broken.headers['content-type'], /^text\/html/);
  assert.match(broken.text, /<h1>/);
  assert.equal(broken.headers['content-disposition'], undefined);
  // missing on disk: not found, with the error page
  fs.rmdirSync(file);
  const missing = await get(`/parties/attachment?party_id=${id}&id=${aid}`, { jar });
  assert.equal(missing.status, 404);
  assert.match(missing.text, /<h1>/);
});
