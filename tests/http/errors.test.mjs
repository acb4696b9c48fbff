// Bad input gets a clear page and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { PORT, get, post, request, csrfOf, sqlInt, adminPassword, login, createUser, uniqueName } from './helpers.mjs';

function rawRequest(text) {
  return new Promise((resolve, reject) => {
    const s = net.connect(PORT, '127.0.0.1', () => s.end(text));
    const chunks = [];
    s.on('data', (c) => chunks.push(c));
    s.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    s.on('error', reject);
  });
}

test('unknown route in a module: 404 page in the shared layout', async () => {
  const res = await get('/auth/no-such-page?lang=en');
  assert.equal(res.status, 404);
  assert.match(res.text, /Not found/);
  assert.match(res.text, /<html lang="en" dir="ltr">/);
});

test('unknown module: 404', async () => {
  assert.equal((await get('/nosuchmodule/')).status, 404);
});

test('wrong method: 405', async () => {
  assert.equal((await get('/auth/logout')).status, 405);
  assert.equal((await request('PUT', '/auth/login', { body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 405);
});

test('malformed query strings and invalid UTF-8: 400', async () => {
  for (const q of ['a=%zz', 'a=%C3%28', 'a=%00', 'a=%ED%A0%80', 'next=%']) {
    const res = await get(`/auth/login?${q}`);
    assert.equal(res.status, 400, q);
    assert.match(res.text, /<html/);
  }
});

test('a body with invalid UTF-8 is refused and records no attempt', async () => {
  const jar = new Map();
  const page = await get('/auth/login', { jar });
  const attempts = sqlInt('SELECT COUNT(*) FROM login_attempts');
  const res = await post('/auth/login', `csrf_token=${csrfOf(page.text)}&username=%FF%FE&password=x`, {
    jar, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 400);
  assert.equal(sqlInt('SELECT COUNT(*) FROM login_attempts'), attempts);
});

test('a body over the limit: 413, nothing changed', async () => {
  const name = uniqueName('big');
  createUser(name, 'big-body-password');
  const { jar } = await login(name, 'big-body-password');
  const home = await get('/home/', { jar });
  const big = `csrf_token=${csrfOf(home.text)}&lang=en&pad=${'x'.repeat(11 * 1024 * 1024)}`;
  const res = await post('/auth/language', big, { jar, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 413);
  assert.match(res.text, /<html/);
  assert.equal((await get('/home/', { jar })).text.match(/<html lang="(..)"/)[1], 'fa');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.record_id WHERE u.username = '${name}' AND a.action = 'update'`), 0);
});

test('a form in a content type the page does not take: 415', async () => {
  const jar = new Map();
  await get('/auth/login', { jar });
  const res = await post('/auth/login', '{"username":"admin"}', { jar, headers: { 'Content-Type': 'application/json' } });
  assert.equal(res.status, 415);
});

test('a broken multipart body: 400', async () => {
  const jar = new Map();
  await get('/auth/login', { jar });
  const res = await post('/auth/login', '--b\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin', {
    jar, headers: { 'Content-Type': 'multipart/form-data; boundary=b' } });
  assert.equal(res.status, 400);
});

test('a multipart login works like an urlencoded one', async () => {
  const jar = new Map();
  const page = await get('/auth/login', { jar });
  const b = 'XyZ';
  const part = (n, v) => `--${b}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`;
  const body = part('csrf_token', csrfOf(page.text)) + part('username', 'admin') + part('password', adminPassword()) + `--${b}--\r\n`;
  const res = await post('/auth/login', body, { jar, headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } });
  assert.equal(res.status, 303);
});

test('a request line nginx cannot parse never reaches a module', async () => {
  const out = await rawRequest('GET /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n');
  assert.match(out, /^HTTP\/1\.1 400/);
});

test('health routes answer without a session', async () => {
  for (const m of ['auth', 'home', 'admin', 'parties']) {
    const res = await get(`/${m}/health`);
    assert.equal(res.status, 200);
    assert.equal(res.text, 'ok\n');
  }
});

test('static files come from nginx, including the vendored font', async () => {
  const css = await get('/static/css/crm.css');
  assert.equal(css.status, 200);
  const font = await get('/static/vendor/vazirmatn/Vazirmatn-font-face.css');
  assert.equal(font.status, 200);
  const woff = font.text.match(/url\('([^']+\.woff2)'\)/)[1];
  assert.equal((await get(`/static/vendor/vazirmatn/${woff}`)).status, 200);
});
