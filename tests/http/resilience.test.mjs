// Faults: the database goes away and comes back; a worker is killed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, VAR, get, post, csrfOf, adminPassword, login } from './helpers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pidOf = (name) => Number(fs.readFileSync(path.join(VAR, 'run', `${name}.pid`), 'utf8'));
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const children = (pid) => execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);

test('database down: 503 page; back up: the same workers answer again', async () => {
  const { jar } = await login('admin', adminPassword());
  assert.equal((await get('/home/', { jar })).status, 200);
  const db = pidOf('mysqld');
  process.kill(db, 'SIGTERM');
  for (let i = 0; i < 240 && alive(db); i++) await sleep(250);
  assert.ok(!alive(db), 'MariaDB stopped');
  const workersBefore = children(pidOf('home'));
  for (let i = 0; i < 4; i++) {
    const down = await get('/home/?lang=en', { jar });
    assert.equal(down.status, 503);
    assert.match(down.text, /database cannot be reached/);
  }
  // The login page itself needs no database; logging in does.
  const anon = new Map();
  const page = await get('/auth/login', { jar: anon });
  assert.equal(page.status, 200);
  const attempt = await post('/auth/login', { csrf_token: csrfOf(page.text), username: 'admin', password: adminPassword() }, { jar: anon });
  assert.equal(attempt.status, 503);
  assert.ok(!attempt.cookies.some((c) => c.startsWith('crm_session=')));
  execFileSync('bash', [path.join(ROOT, 'conf/stack.sh'), 'start'], { env: process.env, stdio: 'ignore' });
  const up = await get('/home/', { jar });
  assert.equal(up.status, 200, 'the session survived and the worker reconnected');
  assert.deepEqual(children(pidOf('home')), workersBefore, 'no worker had to restart');
});

test('a worker killed with SIGKILL is replaced and the module keeps answering', async () => {
  const watcher = pidOf('auth');
  const before = children(watcher);
  assert.equal(before.length, 2);
  // requests in flight while the worker dies: a GET on its connection is tried again on another worker
  const burst = Array.from({ length: 30 }, () => get('/auth/login'));
  process.kill(before[0], 'SIGKILL');
  assert.deepEqual([...new Set((await Promise.all(burst)).map((r) => r.status))], [200]);
  for (let i = 0; i < 20; i++) assert.equal((await get('/auth/login')).status, 200);
  let after = [];
  for (let i = 0; i < 40; i++) {
    after = children(watcher);
    if (after.length === 2 && !after.includes(before[0])) break;
    await sleep(250);
  }
  assert.equal(after.length, 2);
  assert.ok(!after.includes(before[0]));
  assert.equal((await get('/auth/login')).status, 200);
});
