// Helpers for tests against the running test stack (started by tests/run.sh).
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';

export const ROOT = process.env.CRM_ROOT;
export const VAR = process.env.CRM_VAR;
export const PORT = Number(process.env.CRM_PORT);
export const BUILD = process.env.CRM_BUILD;
if (!ROOT || !VAR || !PORT || !BUILD) throw new Error('run through tests/run.sh (CRM_ROOT, CRM_VAR, CRM_PORT, CRM_BUILD)');
export const BASE = `http://127.0.0.1:${PORT}`;

// One HTTP request, no redirects followed. opts: { body, headers, jar, localAddress, raw }
export function request(method, urlPath, opts = {}) {
  return new Promise((resolve, reject) => {
    const headers = { ...(opts.headers || {}) };
    let body = opts.body;
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      body = new URLSearchParams(body).toString();
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    }
    if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
    if (opts.jar && opts.jar.size) headers.Cookie = [...opts.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    // agent false: a connection per request, never a kept one the server may have closed meanwhile
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path: urlPath, headers, agent: false,
      localAddress: opts.localAddress }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const cookies = res.headers['set-cookie'] || [];
        if (opts.jar) {
          for (const c of cookies) {
            const [pair] = c.split(';');
            const i = pair.indexOf('=');
            const name = pair.slice(0, i), value = pair.slice(i + 1);
            if (/Max-Age=0/.test(c) || value === '') opts.jar.delete(name); else opts.jar.set(name, value);
          }
        }
        resolve({ status: res.statusCode, headers: res.headers, text, cookies, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const get = (p, opts) => request('GET', p, opts);
export const post = (p, body, opts = {}) => request('POST', p, { ...opts, body });

export function csrfOf(html) {
  const m = html.match(/name="csrf_token" value="([0-9a-f]{64})"/);
  if (!m) throw new Error('no CSRF field in page');
  return m[1];
}

// SQL as the database's root over its socket: for checking and arranging state.
export function sql(query) {
  const out = execFileSync('mariadb', ['--no-defaults', '--default-character-set=utf8mb4', `--socket=${VAR}/run/mysqld.sock`, '-uroot',
    '--batch', '--skip-column-names', 'crm', '-e', query], { encoding: 'utf8' });
  return out.trim();
}
export const sqlInt = (q) => Number(sql(q));

export function adminPassword() {
  return fs.readFileSync(path.join(VAR, 'initial-admin-password'), 'utf8').trim();
}

// Logs in and returns the cookie jar; throws unless the login succeeds.
export async function login(username, password, extra = {}) {
  const jar = new Map();
  const page = await get('/auth/login', { jar });
  const res = await post('/auth/login', { csrf_token: csrfOf(page.text), username, password, ...extra }, { jar });
  if (res.status !== 303) throw new Error(`login of ${username} failed: ${res.status}`);
  return { jar, res };
}

// A user made through crmctl (the same path an operator takes).
export function createUser(username, password, role = 'staff') {
  execFileSync(path.join(BUILD, 'bin/crmctl'), ['create-user', username, role], { input: `${password}\n`,
    env: process.env });
}

export function uniqueName(prefix) {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
}

// An admin who reads English, so messages can be compared as text: made at the first call, then
// a new session of that user on each.
export function englishAdmin(prefix) {
  const name = uniqueName(prefix);
  let made = false;
  return async () => {
    if (!made) {
      createUser(name, 'a long enough passphrase 1', 'admin');
      sql(`UPDATE users SET lang = 'en' WHERE username = '${name}'`);
      made = true;
    }
    return (await login(name, 'a long enough passphrase 1')).jar;
  };
}

// A form body with repeated fields for arrays.
// A multipart/form-data body: text fields, then files ({ field, name, data, type }).
export function multipart(fields, files) {
  const boundary = '----crm' + Math.random().toString(16).slice(2);
  const parts = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\n` +
      `Content-Type: ${f.type || 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}
export const postMultipart = (url, fields, files, jar) => {
  const m = multipart(fields, files);
  return post(url, m.body, { jar, headers: { 'Content-Type': m.type } });
};

export const form = (o) => { const b = new URLSearchParams(); for (const [k, v] of Object.entries(o)) (Array.isArray(v) ? v : [v]).forEach((x) => b.append(k, String(x))); return b.toString(); };
export const postForm = (url, o, jar) => post(url, form(o), { jar, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

// A role made on the admin screen with the given matrix cells (p_<module>_<action>: scope).
export async function roleWith(jar, cells) {
  const name = uniqueName('r');
  const page = await get('/admin/role/new', { jar });
  const res = await postForm('/admin/role/create', { csrf_token: csrfOf(page.text), name, ...cells }, jar);
  if (res.status !== 303) throw new Error(`role not created: ${res.status}`);
  return name;
}

// Valid identifiers made fresh for each run, by the published rules (written again here, in JS,
// so the C checks are compared against a second implementation).
export function iranLegalId() {
  const w = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
  const d = Array.from({ length: 10 }, () => Math.floor(Math.random() * 10));
  d[0] = 1 + Math.floor(Math.random() * 9);
  const sum = d.reduce((acc, x, i) => acc + (x + d[9] + 2) * w[i], 0);
  return d.join('') + String(sum % 11 === 10 ? 0 : sum % 11);
}
export function iranNationalCode() {
  const d = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  const rem = d.reduce((acc, x, i) => acc + x * (10 - i), 0) % 11;
  return d.join('') + String(rem < 2 ? rem : 11 - rem);
}


// Parties, as the record form makes them.
export const lookup = (kind, code) => sqlInt(`SELECT id FROM lookups WHERE kind = '${kind}' AND code = '${code}'`);
export const partyId = (code) => sqlInt(`SELECT id FROM parties WHERE code = '${code}'`);

export async function createParty(jar, fields) {
  const page = await get(`/parties/${fields.kind || 'person'}/new`, { jar });
  if (page.status !== 200) throw new Error(`new-party form: ${page.status}`);
  return postForm('/parties/party/create', { csrf_token: csrfOf(page.text), kind: 'person', ...fields }, jar);
}

export async function newPerson(jar, fields) {
  const code = fields.code || uniqueName('P');
  const res = await createParty(jar, { code, last_name: 'Test', ...fields });
  if (res.status !== 303) throw new Error(`create: ${res.status} ${res.text.slice(0, 400)}`);
  return partyId(code);
}

// The page of a background job once it has ended (done or failed), polling as a user would wait.
export async function jobEnded(jar, jobId) {
  for (let i = 0; i < 1500; i++) {
    const page = await get(`/home/job?id=${jobId}`, { jar });
    if (page.status !== 200) throw new Error(`job ${jobId}: ${page.status}`);
    if (/id="job" data-state="(done|failed)"/.test(page.text)) return page;
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error(`job ${jobId} did not end`);
}

// A custom field made on Administration > Fields as an administrator would, once the worker has
// added its column (or table): its id.
export async function newField(jar, fields) {
  const page = await get('/admin/field/new', { jar });
  const res = await postForm('/admin/field/create', { csrf_token: csrfOf(page.text), sort: 20, ...fields }, jar);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const id = sqlInt(`SELECT id FROM custom_fields WHERE label_en = '${fields.label_en}'`);
  for (let i = 0; i < 100 && sql(`SELECT state FROM custom_fields WHERE id = ${id}`) === 'pending'; i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.equal(sql(`SELECT state FROM custom_fields WHERE id = ${id}`), 'ready', sql(`SELECT error FROM custom_fields WHERE id = ${id}`));
  return id;
}

// An entry of a choice field's own list, made on its Managed lists page (names: fa, en, tr; or
// one name, the others made from it): its id.
export async function newEntry(jar, fieldId, code, name) {
  const [fa, en, tr] = Array.isArray(name) ? name : [`${name} fa`, name, `${name} tr`];
  const page = await get(`/parties/lists?kind=cf_${fieldId}`, { jar });
  assert.equal(page.status, 200);
  const res = await postForm('/parties/list/save', { csrf_token: csrfOf(page.text), kind: `cf_${fieldId}`, code,
    name_fa: fa, name_en: en, name_tr: tr, sort: 10 }, jar);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  return lookup(`cf_${fieldId}`, code);
}
