// The same module binary serves one request as plain CGI (shared hosting).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BUILD, adminPassword, sqlInt } from './helpers.mjs';

function cgi(module, env, body = '') {
  const res = spawnSync(path.join(BUILD, 'bin', `${module}.fcgi`), [], {
    input: body,
    env: { ...process.env, GATEWAY_INTERFACE: 'CGI/1.1', SERVER_PROTOCOL: 'HTTP/1.1', REMOTE_ADDR: '127.0.0.5', ...env },
    encoding: 'utf8',
  });
  assert.equal(res.status, 0, res.stderr);
  const [head, ...rest] = res.stdout.split('\r\n\r\n');
  return { head, body: rest.join('\r\n\r\n') };
}

test('GET /auth/login as CGI renders the login page', () => {
  const { head, body } = cgi('auth', { REQUEST_METHOD: 'GET', REQUEST_URI: '/auth/login', QUERY_STRING: '' });
  assert.match(head, /^Status: 200 OK/);
  assert.match(head, /Content-Type: text\/html; charset=utf-8/);
  assert.match(body, /<html lang="fa" dir="rtl">/);
  assert.match(body, /name="csrf_token"/);
});

test('a whole login through CGI: anonymous cookie, CSRF, POST body on stdin', () => {
  const first = cgi('auth', { REQUEST_METHOD: 'GET', REQUEST_URI: '/auth/login' });
  const anon = first.head.match(/Set-Cookie: (crm_anon=[0-9a-f]+)/)[1];
  const csrf = first.body.match(/name="csrf_token" value="([0-9a-f]+)"/)[1];
  const form = new URLSearchParams({ csrf_token: csrf, username: 'admin', password: adminPassword() }).toString();
  const before = sqlInt('SELECT COUNT(*) FROM sessions');
  const res = cgi('auth', { REQUEST_METHOD: 'POST', REQUEST_URI: '/auth/login', HTTP_COOKIE: anon,
    CONTENT_TYPE: 'application/x-www-form-urlencoded', CONTENT_LENGTH: String(Buffer.byteLength(form)) }, form);
  assert.match(res.head, /^Status: 303/);
  assert.match(res.head, /Location: \/home\//);
  const session = res.head.match(/Set-Cookie: (crm_session=[0-9a-f]+)/)[1];
  assert.equal(sqlInt('SELECT COUNT(*) FROM sessions'), before + 1);
  const home = cgi('home', { REQUEST_METHOD: 'GET', REQUEST_URI: '/home/', HTTP_COOKIE: session });
  assert.match(home.head, /^Status: 200/);
  assert.match(home.body, /id="welcome"/);
});

test('CGI: unknown route 404, bad query 400', () => {
  assert.match(cgi('home', { REQUEST_METHOD: 'GET', REQUEST_URI: '/home/nope' }).head, /^Status: 404/);
  assert.match(cgi('auth', { REQUEST_METHOD: 'GET', REQUEST_URI: '/auth/login?x=%zz', QUERY_STRING: 'x=%zz' }).head, /^Status: 400/);
});
