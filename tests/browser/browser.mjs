// Debian's Chromium under playwright-core, with the flags this closed network needs.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE, VAR } from '../http/helpers.mjs';

export const shots = path.join(VAR, 'screenshots');

export async function launch() {
  fs.mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // a UTF-8 locale whatever the shell has: without one Chromium names a download "download"
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export async function logIn(page, username, password) {
  await page.goto(`${BASE}/auth/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('#login-submit')]);
}
