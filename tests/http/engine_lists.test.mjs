// The records engine's lists (Administration > Users and Teams): a large export runs as a job
// (admin.list_export) with the list's own filters and order; the text box folds what is typed as
// stored searchable text is folded; a custom field's order pages through its empty (NULL) values
// both ways without losing or repeating a row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, postForm, csrfOf, sql, sqlInt, adminPassword, login, createUser, uniqueName, roleWith, jobEnded } from './helpers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const adminSession = async () => (await login('admin', adminPassword())).jar;
const csvLines = (text) => text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

const jobPage = jobEnded;

test('a large users export runs as a job with the list\'s filters and order; only its asker downloads it', async () => {
  const jar = await adminSession();
  const tag = uniqueName('Xu');
  const n = 1600; // past tests/run.sh's ExportDirectRows (1,500)
  // names repeat (seq mod 1000), so the id must break the ties in the list's direction
  sql(`INSERT INTO users (username, display_name, email, password_hash)
       SELECT CONCAT('${tag.toLowerCase()}-', seq), CONCAT('${tag} ', LPAD(MOD(seq * 7, 1000), 4, '0')), '', 'x' FROM seq_1_to_${n}`);
  try {
    const expected = sql(`SELECT GROUP_CONCAT(username ORDER BY display_name DESC, id DESC SEPARATOR ',') FROM users
      WHERE display_name LIKE '${tag} %'`).split(',');
    assert.equal(expected.length, n);
    const jobsBefore = sqlInt("SELECT COUNT(*) FROM jobs WHERE kind = 'admin.list_export'");
    const res = await get(`/admin/users/export?format=csv&sort=name&dir=desc&q=${encodeURIComponent(tag)}`, { jar });
    assert.equal(res.status, 303, `a large export answers with its job page (${res.status}) ${res.text.slice(0, 200)}`);
    const jobId = Number(res.headers.location.match(/^\/home\/job\?id=(\d+)$/)[1]);
    assert.equal(sqlInt("SELECT COUNT(*) FROM jobs WHERE kind = 'admin.list_export'"), jobsBefore + 1);
    assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE table_name = 'jobs' AND record_id = ${jobId} AND action = 'enqueue'`), 1);
    const page = await jobPage(jar, jobId);
    assert.match(page.text, /data-state="done"/, sql(`SELECT error FROM jobs WHERE id = ${jobId}`));
    assert.match(page.text, new RegExp(`id="job-download" href="/home/job/file\\?id=${jobId}"`));
    assert.match(page.text, new RegExp(`id="job-count">${n} / ${n}<`));
    const file = await get(`/home/job/file?id=${jobId}`, { jar });
    assert.equal(file.status, 200);
    assert.match(file.headers['content-disposition'], new RegExp(`${jobId}-users\\.csv`));
    const lines = csvLines(file.text);
    assert.equal(lines.length, n + 1, 'header + every row of the filtered list');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), expected, 'in the list\'s order');
    // the same audit path as the direct download: an export row of the list, with its filters
    assert.equal(sqlInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND table_name = 'users'
      AND JSON_VALUE(details, '$.rows') = ${n} AND details LIKE '%${tag}%'`), 1);

    // another user: the same 404 as for a job that does not exist
    const other = uniqueName('xo');
    createUser(other, 'Other-pass-123456');
    const ojar = (await login(other, 'Other-pass-123456')).jar;
    assert.equal((await get(`/home/job/file?id=${jobId}`, { jar: ojar })).status, 404);
    assert.equal((await get(`/home/job?id=${jobId}`, { jar: ojar })).status, 404);

    // without the export permission: refused, and no job queued
    const role = await roleWith(jar, { p_admin_view: 'all' });
    const viewer = uniqueName('xv');
    createUser(viewer, 'Viewer-pass-123456', role);
    const vjar = (await login(viewer, 'Viewer-pass-123456')).jar;
    assert.equal((await get(`/admin/users?q=${encodeURIComponent(tag)}`, { jar: vjar })).status, 200);
    assert.equal((await get(`/admin/users/export?format=csv&q=${encodeURIComponent(tag)}`, { jar: vjar })).status, 403);
    assert.equal(sqlInt("SELECT COUNT(*) FROM jobs WHERE kind = 'admin.list_export'"), jobsBefore + 1);

    // a smaller list still downloads at once, teams too
    const small = await get(`/admin/users/export?format=csv&q=${encodeURIComponent(`${tag} 000`)}`, { jar });
    assert.equal(small.status, 200);
    assert.equal(csvLines(small.text).length, 1 + sqlInt(`SELECT COUNT(*) FROM users WHERE display_name LIKE '${tag} 000%'`));
    const teams = await get('/admin/teams/export?format=csv', { jar });
    assert.equal(teams.status, 200);
    assert.match(teams.headers['content-type'], /^text\/csv/);
  } finally {
    sql(`DELETE FROM users WHERE username LIKE '${tag.toLowerCase()}-%'`);
  }
});

test('the text box folds yeh/kaf, ZWNJ, digits and case as stored searchable text is folded', async () => {
  const jar = await adminSession();
  const tag = uniqueName('f');
  // stored as written; typed another way that folds the same
  const cases = [
    ['کیان', 'كيان'],          // Persian keheh and yeh, typed with Arabic kaf and yeh
    ['كيوان', 'کیوان'],         // and the other way round
    ['علی‌رضا', 'علیرضا'],      // ZWNJ stored, not typed
    ['محمدرضا', 'محمد‌رضا'],    // ZWNJ typed, not stored
    ['Room 123', 'room ۱۲۳'],   // Persian digits typed, ASCII stored; case
    ['Suite ٤٥٦', 'SUITE 456'], // Arabic-Indic digits stored, ASCII typed
    ['Yılmaz', 'yilmaz'],       // Turkish dotless i
    ['مـوسى', 'موسی'],          // tatweel and alef maksura stored
  ];
  const ids = [];
  cases.forEach(([stored], i) => {
    const user = `${tag}-${i}`;
    sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES ('${user}', '${stored} ${tag}', '', 'x')`);
    ids.push(sqlInt(`SELECT id FROM users WHERE username = '${user}'`));
  });
  try {
    for (const [i, [stored, typed]] of cases.entries()) {
      const page = await get(`/admin/users?state=all&q=${encodeURIComponent(`${typed} ${tag}`)}`, { jar });
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(`href="/admin/user\\?id=${ids[i]}"`), `"${typed}" finds "${stored}"`);
      const found = [...page.text.matchAll(/href="\/admin\/user\?id=(\d+)"/g)].map((m) => Number(m[1]));
      assert.deepEqual(found, [ids[i]], `"${typed}" finds only "${stored}"`);
    }
    // the export reads the same text box
    const csv = await get(`/admin/users/export?format=csv&state=all&q=${encodeURIComponent(`كيان ${tag}`)}`, { jar });
    assert.equal(csv.status, 200);
    assert.equal(csvLines(csv.text).length, 2);
    assert.match(csv.text, new RegExp(`${tag}-0`));
    // LIKE's own characters stay literal
    const pct = await get(`/admin/users?state=all&q=${encodeURIComponent('%')}`, { jar });
    assert.doesNotMatch(pct.text, new RegExp(`href="/admin/user\\?id=${ids[0]}"`));
  } finally {
    sql(`DELETE FROM users WHERE username LIKE '${tag}-%'`);
  }
});

// Every row id of a list walked page by page from url, following rel (next or prev); the pages in order walked.
async function walk(jar, url, rel) {
  const pages = [];
  for (let i = 0; url && i < 20; i++) {
    const page = await get(url, { jar });
    assert.equal(page.status, 200, url);
    pages.push([...page.text.matchAll(/href="\/admin\/team\?id=(\d+)"/g)].map((m) => Number(m[1])));
    const next = page.text.match(new RegExp(`href="([^"]*)" id="${rel === 'next' ? 'next' : 'prev'}-page"`));
    url = next ? next[1].replace(/&amp;/g, '&') : null;
  }
  return pages;
}

test('sorting by a custom field pages through its empty values both ways: no row lost, none twice', async () => {
  const jar = await adminSession();
  const tag = uniqueName('Ns');
  const form = await get('/admin/field/new', { jar });
  const made = await postForm('/admin/field/create', { csrf_token: csrfOf(form.text), sort: 10, entity: 'teams', type: 'text',
    label_fa: `رده ${tag}`, label_en: `Tier ${tag}`, label_tr: `Kademe ${tag}`, searchable: 1 }, jar);
  assert.equal(made.status, 303, made.text.slice(0, 300));
  const id = sqlInt(`SELECT id FROM custom_fields WHERE label_en = 'Tier ${tag}'`);
  for (let i = 0; i < 200 && sql(`SELECT state FROM custom_fields WHERE id = ${id}`) === 'pending'; i++) await sleep(100);
  assert.equal(sql(`SELECT state FROM custom_fields WHERE id = ${id}`), 'ready');
  const cf = `cf_${id}`;
  // 13 teams without a value, 12 with (some equal): pages of 10 cross from NULL to values
  const rows = [];
  for (let i = 0; i < 25; i++) rows.push(`('${tag} ${String(i).padStart(2, '0')}', ${i % 2 ? 'NULL' : `'v${(i * 7) % 5}'`})`);
  rows.push(`('${tag} 25', NULL)`);
  sql(`INSERT INTO teams (name, ${cf}) VALUES ${rows.join(', ')}`);
  try {
    assert.equal(sqlInt(`SELECT COUNT(*) FROM teams WHERE name LIKE '${tag} %' AND ${cf} IS NULL`), 13);
    for (const dir of ['asc', 'desc']) {
      const order = dir === 'asc' ? `${cf}, id` : `${cf} DESC, id DESC`; // NULLs first ascending, last descending
      const expected = sql(`SELECT GROUP_CONCAT(id ORDER BY ${order}) FROM teams WHERE name LIKE '${tag} %'`).split(',').map(Number);
      const base = `/admin/teams?sort=${cf}&dir=${dir}&limit=10&q=${encodeURIComponent(tag)}`;
      const forward = await walk(jar, base, 'next');
      assert.deepEqual(forward.map((p) => p.length), [10, 10, 6], `${dir}: three pages`);
      assert.deepEqual(forward.flat(), expected, `${dir}: forwards, every row once, in order`);
      // back from the last page: the same pages, met the other way round
      const last = (await get(base, { jar })).text;
      let url = last.match(/href="([^"]*)" id="next-page"/)[1].replace(/&amp;/g, '&');
      url = (await get(url, { jar })).text.match(/href="([^"]*)" id="next-page"/)[1].replace(/&amp;/g, '&');
      const backward = await walk(jar, url, 'prev');
      assert.deepEqual(backward.reverse(), forward, `${dir}: backwards, the same pages`);
      // the header sorts by it
      assert.match(last, new RegExp(`sort=${cf}`));
    }
    // the export keeps the order, NULLs where the list has them
    const csv = await get(`/admin/teams/export?format=csv&sort=${cf}&q=${encodeURIComponent(tag)}`, { jar });
    assert.equal(csv.status, 200);
    const names = csvLines(csv.text).slice(1).map((l) => l.split(',')[0]);
    assert.deepEqual(names, sql(`SELECT GROUP_CONCAT(name ORDER BY ${cf}, id SEPARATOR '|') FROM teams WHERE name LIKE '${tag} %'`).split('|'));
  } finally {
    sql(`DELETE FROM teams WHERE name LIKE '${tag} %'`);
  }
});
