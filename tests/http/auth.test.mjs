// Login, sessions, CSRF, throttling, logout, password change, language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { VAR, get, post, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName } from './helpers.mjs';

test('login page: Persian, right-to-left, username/password fields and a CSRF field', async () => {
  const res = await get('/auth/login');
  assert.equal(res.status, 200);
  assert.match(res.text, /<html lang="fa" dir="rtl">/);
  assert.match(res.text, /name="username"/);
  assert.match(res.text, /name="password"[^>]*type="password"/);
  csrfOf(res.text);
  assert.match(res.headers['content-type'], /text\/html; charset=utf-8/);
  assert.equal(res.headers['x-frame-options'], 'DENY');
  const anon = res.cookies.find((c) => c.startsWith('crm_anon='));
  assert.ok(anon && /HttpOnly/.test(anon) && /SameSite=Lax/.test(anon));
});

test('admin logs in with the generated password and sees the start page', async () => {
  const before = sqlInt("SELECT COUNT(*) FROM audit_log WHERE action = 'login'");
  const { jar, res } = await login('admin', adminPassword());
  assert.equal(res.headers.location, '/home/');
  const cookie = res.cookies.find((c) => c.startsWith('crm_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Max-Age/, 'without "remember me" the cookie ends with the browser');
  const token = cookie.split(';')[0].split('=')[1];
  assert.equal(sqlInt(`SELECT COUNT(*) FROM sessions WHERE token_hash = '${token}'`), 0, 'the raw token is not stored');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM sessions WHERE token_hash = SHA2('${token}', 256)`), 1);
  const home = await get('/home/', { jar });
  assert.equal(home.status, 200);
  assert.match(home.text, /id="welcome"/);
  assert.match(home.text, /href="\/home\/"/);
  assert.equal(sqlInt("SELECT COUNT(*) FROM audit_log WHERE action = 'login'"), before + 1);
});

test('"remember me" gives the cookie a lifetime', async () => {
  const { res } = await login('admin', adminPassword(), { remember: '1' });
  const cookie = res.cookies.find((c) => c.startsWith('crm_session='));
  assert.match(cookie, /Max-Age=2592000/);
});

test('a new token at every login', async () => {
  const a = await login('admin', adminPassword());
  const b = await login('admin', adminPassword());
  assert.notEqual(a.jar.get('crm_session'), b.jar.get('crm_session'));
});

test('wrong password: 401, a clear message, no session, an audit row', async () => {
  const name = uniqueName('wrongpw');
  createUser(name, 'right-password-1');
  const jar = new Map();
  const page = await get('/auth/login', { jar });
  const sessions = sqlInt('SELECT COUNT(*) FROM sessions');
  const res = await post('/auth/login', { csrf_token: csrfOf(page.text), username: name, password: 'nope-nope-nope' }, { jar });
  assert.equal(res.status, 401);
  assert.match(res.text, /id="login-error"/);
  assert.ok(!res.cookies.some((c) => c.startsWith('crm_session=')));
  assert.equal(sqlInt('SELECT COUNT(*) FROM sessions'), sessions);
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.record_id
    WHERE u.username = '${name}' AND a.action = 'login_failed'`), 1);
});

test('unknown user gets the same answer as a wrong password', async () => {
  const jar = new Map();
  const page = await get('/auth/login', { jar });
  const res = await post('/auth/login', { csrf_token: csrfOf(page.text), username: uniqueName('ghost'), password: 'whatever-123' }, { jar });
  assert.equal(res.status, 401);
  assert.match(res.text, /id="login-error"/);
});

test('POST without or with a wrong CSRF token is refused with 403 and changes nothing', async () => {
  const jar = new Map();
  await get('/auth/login', { jar });
  const attempts = sqlInt('SELECT COUNT(*) FROM login_attempts');
  const none = await post('/auth/login', { username: 'admin', password: adminPassword() }, { jar });
  assert.equal(none.status, 403);
  const wrong = await post('/auth/login', { csrf_token: 'a'.repeat(64), username: 'admin', password: adminPassword() }, { jar });
  assert.equal(wrong.status, 403);
  // A token from another browser (another anonymous cookie) is wrong here too.
  const other = await get('/auth/login');
  const foreign = await post('/auth/login', { csrf_token: csrfOf(other.text), username: 'admin', password: adminPassword() }, { jar });
  assert.equal(foreign.status, 403);
  assert.equal(sqlInt('SELECT COUNT(*) FROM login_attempts'), attempts);
  // Logged in: logout without the token does not log out.
  const { jar: session } = await login('admin', adminPassword());
  const out = await post('/auth/logout', {}, { jar: session });
  assert.equal(out.status, 403);
  assert.equal((await get('/home/', { jar: session })).status, 200);
});

test('throttling per account: after 5 failures even the right password waits', async () => {
  const name = uniqueName('throttle');
  createUser(name, 'the-right-password');
  const jar = new Map();
  for (let i = 0; i < 5; i++) {
    const page = await get('/auth/login', { jar });
    const r = await post('/auth/login', { csrf_token: csrfOf(page.text), username: name, password: `bad-${i}-password` }, { jar });
    assert.equal(r.status, 401);
  }
  const page = await get('/auth/login?lang=en', { jar });
  const r = await post('/auth/login', { csrf_token: csrfOf(page.text), username: name, password: 'the-right-password' }, { jar });
  assert.equal(r.status, 429);
  assert.match(r.text, /Too many failed attempts\. Try again in 15 minutes\./);
  assert.ok(!r.cookies.some((c) => c.startsWith('crm_session=')));
});

test('throttling per client address catches guessing across many names', async () => {
  const from = '127.0.0.2';
  const jar = new Map();
  for (let i = 0; i < 20; i++) {
    const page = await get('/auth/login', { jar, localAddress: from });
    const r = await post('/auth/login', { csrf_token: csrfOf(page.text), username: uniqueName('spray'), password: 'guess-guess' },
      { jar, localAddress: from });
    assert.equal(r.status, 401);
  }
  const page = await get('/auth/login', { jar, localAddress: from });
  const r = await post('/auth/login', { csrf_token: csrfOf(page.text), username: 'admin', password: adminPassword() },
    { jar, localAddress: from });
  assert.equal(r.status, 429);
  // Another address is not affected.
  await login('admin', adminPassword());
});

test('logout ends the session on the server: the old cookie no longer works', async () => {
  const { jar } = await login('admin', adminPassword());
  const token = jar.get('crm_session');
  const home = await get('/home/', { jar });
  const stolen = new Map([['crm_session', token]]);
  const out = await post('/auth/logout', { csrf_token: csrfOf(home.text) }, { jar });
  assert.equal(out.status, 303);
  assert.equal(out.headers.location, '/auth/login');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM sessions WHERE token_hash = SHA2('${token}', 256)`), 0);
  const again = await get('/home/', { jar: stolen });
  assert.equal(again.status, 303);
  assert.match(again.headers.location, /^\/auth\/login\?next=%2Fhome%2F/);
});

test('an expired session redirects to login, keeping the page asked for', async () => {
  const { jar } = await login('admin', adminPassword());
  const token = jar.get('crm_session');
  sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE token_hash = SHA2('${token}', 256)`);
  const res = await get('/home/?tab=x', { jar });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/auth/login?next=%2Fhome%2F%3Ftab%3Dx&expired=1');
  const page = await get(res.headers.location, { jar });
  assert.match(page.text, /role="status"/);
  assert.match(page.text, /name="next" value="\/home\/\?tab=x"/);
  const back = await post('/auth/login', { csrf_token: csrfOf(page.text), username: 'admin', password: adminPassword(),
    next: '/home/?tab=x' }, { jar });
  assert.equal(back.status, 303);
  assert.equal(back.headers.location, '/home/?tab=x');
  // Absolute expiry too.
  const t2 = jar.get('crm_session');
  sql(`UPDATE sessions SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE token_hash = SHA2('${t2}', 256)`);
  assert.equal((await get('/home/', { jar })).status, 303);
});

test('login refuses to redirect off-site', async () => {
  const jar = new Map();
  const page = await get('/auth/login', { jar });
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
    const { jar: j } = { jar: new Map(jar) };
    const res = await post('/auth/login', { csrf_token: csrfOf(page.text), username: 'admin', password: adminPassword(), next }, { jar: j });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/home/');
  }
});

test('password change: wrong current changes nothing; success ends other sessions', async () => {
  const name = uniqueName('pwchange');
  createUser(name, 'first-password-1');
  const a = await login(name, 'first-password-1');
  const b = await login(name, 'first-password-1');
  const form = await get('/auth/password', { jar: a.jar });
  assert.equal(form.status, 200);
  const hash = sql(`SELECT password_hash FROM users WHERE username = '${name}'`);
  const wrong = await post('/auth/password', { csrf_token: csrfOf(form.text), current: 'not-it-at-all', new: 'second-password-2',
    confirm: 'second-password-2' }, { jar: a.jar });
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /id="password-error"/);
  const short = await post('/auth/password', { csrf_token: csrfOf(form.text), current: 'first-password-1', new: 'short',
    confirm: 'short' }, { jar: a.jar });
  assert.equal(short.status, 400);
  const mismatch = await post('/auth/password', { csrf_token: csrfOf(form.text), current: 'first-password-1',
    new: 'second-password-2', confirm: 'second-password-3' }, { jar: a.jar });
  assert.equal(mismatch.status, 400);
  assert.equal(sql(`SELECT password_hash FROM users WHERE username = '${name}'`), hash);
  const audits = sqlInt(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.record_id WHERE u.username = '${name}' AND a.action = 'password_change'`);
  assert.equal(audits, 0);
  const ok = await post('/auth/password', { csrf_token: csrfOf(form.text), current: 'first-password-1', new: 'second-password-2',
    confirm: 'second-password-2' }, { jar: a.jar });
  assert.equal(ok.status, 303);
  assert.equal((await get('/home/', { jar: a.jar })).status, 200, 'the session that changed it stays');
  assert.equal((await get('/home/', { jar: b.jar })).status, 303, 'other sessions end');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.record_id WHERE u.username = '${name}' AND a.action = 'password_change'`), 1);
  await login(name, 'second-password-2');
});

test('a forced password change comes before anything else', async () => {
  const name = uniqueName('forced');
  createUser(name, 'initial-password-1');
  sql(`UPDATE users SET must_change_password = 1 WHERE username = '${name}'`);
  const { jar } = await login(name, 'initial-password-1');
  const home = await get('/home/', { jar });
  assert.equal(home.status, 303);
  assert.equal(home.headers.location, '/auth/password');
  const form = await get('/auth/password', { jar });
  assert.equal(form.status, 200);
  await post('/auth/password', { csrf_token: csrfOf(form.text), current: 'initial-password-1', new: 'changed-password-2',
    confirm: 'changed-password-2' }, { jar });
  assert.equal((await get('/home/', { jar })).status, 200);
});

test('language switch: English is left-to-right, kept on the account and audited', async () => {
  const name = uniqueName('lang');
  createUser(name, 'language-password-1');
  const { jar } = await login(name, 'language-password-1');
  const fa = await get('/home/', { jar });
  assert.match(fa.text, /<html lang="fa" dir="rtl">/);
  const res = await post('/auth/language', { csrf_token: csrfOf(fa.text), lang: 'en', next: '/home/' }, { jar });
  assert.equal(res.status, 303);
  const en = await get('/home/', { jar });
  assert.match(en.text, /<html lang="en" dir="ltr">/);
  assert.match(en.text, /Welcome,/);
  assert.equal(sql(`SELECT lang FROM users WHERE username = '${name}'`), 'en');
  assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.record_id
    WHERE u.username = '${name}' AND a.action = 'update' AND JSON_VALUE(a.details, '$.lang.new') = 'en'`), 1);
  const bad = await post('/auth/language', { csrf_token: csrfOf(en.text), lang: 'xx' }, { jar });
  assert.equal(bad.status, 400);
  assert.equal(sql(`SELECT lang FROM users WHERE username = '${name}'`), 'en');
});

test('the login page in Turkish via ?lang=tr, remembered in a cookie', async () => {
  const jar = new Map();
  const tr = await get('/auth/login?lang=tr', { jar });
  assert.match(tr.text, /<html lang="tr" dir="ltr">/);
  assert.match(tr.text, /Giriş/);
  const again = await get('/auth/login', { jar });
  assert.match(again.text, /<html lang="tr"/);
});

test('a login whose connection is lost mid-way is tried again and sets its cookie once, for the session that committed', async () => {
  const name = uniqueName('retry');
  createUser(name, 'a long enough passphrase 3');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // Hold a shared lock on the user's row (by its primary key, where the UPDATE locks): the session row goes in (its key check shares the lock),
  // then the login's UPDATE of the user waits, and there its connection is killed.
  const uid = sqlInt(`SELECT id FROM users WHERE username = '${name}'`);
  const holder = spawn('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-uroot', 'crm', '-e',
    `START TRANSACTION; SELECT last_login_at FROM users WHERE id = ${uid} LOCK IN SHARE MODE; SELECT SLEEP(4); COMMIT;`],
  { stdio: 'ignore' });
  const held = new Promise((r) => holder.on('exit', r));
  await sleep(400);
  const jar = new Map();
  const page = await get('/auth/login', { jar });
  const pending = post('/auth/login', { csrf_token: csrfOf(page.text), username: name, password: 'a long enough passphrase 3' }, { jar });
  let killed = false;
  for (let i = 0; i < 120 && !killed; i++) { // the password check takes its time first
    const id = sql("SELECT id FROM information_schema.processlist WHERE info LIKE 'UPDATE users SET last_login_at%'");
    if (id) { sql(`KILL CONNECTION ${id}`); killed = true; } else await sleep(50);
  }
  assert.ok(killed, 'the login waited on the lock');
  const res = await pending;
  await held;
  assert.equal(res.status, 303);
  const sessionCookies = res.cookies.filter((c) => c.startsWith('crm_session='));
  assert.equal(sessionCookies.length, 1, sessionCookies.join(' / '));
  assert.equal(sqlInt(`SELECT COUNT(*) FROM sessions WHERE user_id = ${uid}`), 1, 'the first try was rolled back');
  assert.equal((await get('/home/', { jar })).status, 200, 'the cookie names the committed session');
});
