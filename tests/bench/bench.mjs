// `make bench`, the measuring half (tests/bench/run.sh starts the stack and loads the data).
// wrk on loopback at each connection count, after a warm-up, for a logged-in user of a
// realistic role; every page's throughput as a ratio of the bare-SELECT floor measured in
// the same run; an XLSX export against libxlsxwriter alone; RSS of the workers.
// Prints a table with PASS/MISS per target and writes bench/results/<date>.json.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { get, csrfOf, sql, sqlInt, login, adminPassword, createUser, roleWith, postForm, ROOT, VAR, BUILD } from '../http/helpers.mjs';

const DURATION = Number(process.env.BENCH_DURATION || 10);
const WARMUP = Number(process.env.BENCH_WARMUP || 2);
const CONNS = (process.env.BENCH_CONNS || '1 8 32').split(' ').map(Number);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS || 100000);
const PERSONS = Number(process.env.BENCH_PERSONS || 0);
const BASE = `http://127.0.0.1:${process.env.CRM_PORT}`;
const tmp = fs.mkdtempSync(path.join(VAR, 'tmp', 'bench-'));
const lua = path.join(ROOT, 'tests/bench/report.lua');

// The user: a sales role seeing its team's parties (every demo party is assigned to the
// admin, who shares the team), so the scope condition is part of every query.
const admin = (await login('admin', adminPassword())).jar;
const role = await roleWith(admin, { p_home_view: 'all', p_parties_view: 'team', p_parties_edit: 'team', p_parties_create: 'all',
  p_parties_star: 'team', p_parties_export: 'team', p_admin_view: 'all' }); // admin.view: the users screens (records engine)
const user = `bench${Date.now().toString(36)}`;
createUser(user, 'bench-password-1', role);
sql(`INSERT INTO teams (name) VALUES ('${user}')`);
sql(`INSERT INTO user_teams (user_id, team_id) SELECT u.id, t.id FROM users u JOIN teams t ON t.name = '${user}' WHERE u.username IN ('admin', '${user}')`);
const { jar } = await login(user, 'bench-password-1');
const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

// Data the URLs point at.
const firstPerson = sqlInt("SELECT MIN(id) FROM parties WHERE kind = 'person'");
const persons = sqlInt("SELECT COUNT(*) FROM parties WHERE kind = 'person'");
const deep = sql(`SELECT CONCAT_WS('|', priority, name_norm, id) FROM parties WHERE kind = 'person' AND is_deleted = 0 AND is_active = 1
  ORDER BY priority DESC, name_norm, id LIMIT 1 OFFSET ${Math.floor(persons * 0.8)}`).split('|');
const mobile = sql(`SELECT value FROM party_channels WHERE type = 'mobile' AND party_id = ${firstPerson + Math.floor(persons / 2)} LIMIT 1`) ||
  sql("SELECT value FROM party_channels WHERE type = 'mobile' LIMIT 1");
const persianTail = mobile.replace(/\D/g, '').slice(-7).replace(/[0-9]/g, (d) => String.fromCharCode(0x06F0 + Number(d)));
const recordId = firstPerson + Math.floor(persons / 3);
// Groups: a three-level tree; 1 person in 50 in a leaf; the filter asks for the top (sub-groups included).
sql(`INSERT INTO party_groups (parent_id, name, path) VALUES (NULL, 'Bench top', '')`);
const top = sqlInt("SELECT MAX(id) FROM party_groups WHERE name = 'Bench top'");
sql(`UPDATE party_groups SET path = CONCAT('/', id, '/') WHERE id = ${top};
  INSERT INTO party_groups (parent_id, name, path) VALUES (${top}, 'Bench region', '');
  UPDATE party_groups SET path = CONCAT('/${top}/', id, '/') WHERE parent_id = ${top};`);
const region = sqlInt(`SELECT id FROM party_groups WHERE parent_id = ${top}`);
sql(`INSERT INTO party_groups (parent_id, name, path) VALUES (${region}, 'Bench city', '');
  UPDATE party_groups SET path = CONCAT('/${top}/${region}/', id, '/') WHERE parent_id = ${region};`);
const leaf = sqlInt(`SELECT id FROM party_groups WHERE parent_id = ${region}`);
sql(`INSERT INTO party_group_members (group_id, party_id) SELECT ${leaf}, id FROM parties WHERE kind = 'person' AND id % 50 = 0`);
// The export: a group of EXPORT_ROWS persons, 20 columns.
sql(`INSERT INTO party_groups (parent_id, name, path) VALUES (NULL, 'Bench export', '')`);
const exportGroup = sqlInt("SELECT MAX(id) FROM party_groups WHERE name = 'Bench export'");
sql(`UPDATE party_groups SET path = CONCAT('/', id, '/') WHERE id = ${exportGroup};
  INSERT INTO party_group_members (group_id, party_id) SELECT ${exportGroup}, id FROM parties WHERE kind = 'person' ORDER BY id LIMIT ${EXPORT_ROWS}`);
const exportCols = 'code,display_name,first_name,last_name,phone,national_id,priority,rank,email,website,address,source,province,city,birth_date,income,credit_limit,experts,roles,groups';

// A searchable custom field of one choice (Administration > Fields), its column and index made as
// the worker's fields.apply makes them; a third of the persons hold one entry (spread by a hash:
// the demo's names follow the id), a handful the other. The list shows it as a column and filters by it.
sql(`INSERT INTO custom_fields (entity, type, label_fa, label_en, label_tr, searchable) VALUES ('persons', 'choice', 'اندازه', 'Size', 'Boyut', 1)`);
const sizeField = sqlInt("SELECT MAX(id) FROM custom_fields WHERE label_en = 'Size'");
const cfSize = `cf_${sizeField}`;
sql(`ALTER TABLE parties ADD COLUMN IF NOT EXISTS ${cfSize} BIGINT UNSIGNED NULL, ALGORITHM=INSTANT;
  ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_${cfSize} (${cfSize}, id), ALGORITHM=INPLACE, LOCK=NONE;
  INSERT INTO lookups (kind, code, name_fa, name_en, name_tr, sort) VALUES ('${cfSize}', 'common', 'رایج', 'Common', 'Yaygın', 1), ('${cfSize}', 'rare', 'کمیاب', 'Rare', 'Nadir', 2);
  UPDATE custom_fields SET state = 'ready' WHERE id = ${sizeField};`);
const sizeCommon = sqlInt(`SELECT id FROM lookups WHERE kind = '${cfSize}' AND code = 'common'`);
sql(`UPDATE parties SET ${cfSize} = ${sizeCommon} WHERE kind = 'person' AND MOD(CRC32(id), 3) = 0`);

// Company trees (conf/demo-data.sh): a holding with its subsidiaries, two levels deep.
const holding = sql(`SELECT CONCAT(p.id, ' ', p.code) FROM parties p WHERE p.id = (SELECT MIN(up.parent_id) FROM companies c
  JOIN companies up ON up.party_id = c.parent_id WHERE up.parent_id IS NOT NULL)`).split(' ');

const page = await get(`/parties/party?id=${recordId}`, { jar });
const csrf = csrfOf(page.text);
const enc = encodeURIComponent;
const targets = [
  { name: 'static 2 KB (nginx)', key: 'static', url: '/static/bench/2k.txt', baseline: true },
  { name: 'FastCGI /health', key: 'health', url: '/home/health', baseline: true },
  { name: 'bare SELECT 50 + template', key: 'floor', url: '/home/floor', baseline: true },
  { name: 'persons list, first page', key: 'list', url: '/parties/persons' },
  { name: 'persons list, deep page', key: 'list_deep', url: `/parties/persons?sort=priority&after_prio=${deep[0]}&after_name=${enc(deep[1])}&after_id=${deep[2]}` },
  { name: 'list filtered by group tree', key: 'list_group', url: `/parties/persons?group=${top}` },
  { name: 'previous page from a deep page', key: 'list_back', url: `/parties/persons?sort=priority&back=1&after_prio=${deep[0]}&after_name=${enc(deep[1])}&after_id=${deep[2]}` },
  // the lists' text box: a name many persons hold (walked in order), two such words, a phone's tail (read first)
  { name: 'persons list, text box: name', key: 'list_text', url: `/parties/persons?q=${enc('کاظمی')}` },
  { name: 'persons list, text box: two names', key: 'list_text_two', url: `/parties/persons?q=${enc('علی کاظمی')}` },
  { name: 'persons list, text box: phone tail', key: 'list_text_phone', url: `/parties/persons?q=${enc(persianTail)}` },
  { name: 'phone book: name fragment', key: 'search_name', url: `/parties/search?partial=1&q=${enc('کاظ')}` },
  { name: 'phone book: phone, Persian digits', key: 'search_phone', url: `/parties/search?partial=1&q=${enc(persianTail)}` },
  { name: 'picker: companies by name (JSON)', key: 'lookup', url: `/parties/lookup?kind=company&q=${enc('north')}` },
  { name: 'list by a custom choice, its column', key: 'list_custom', url: `/parties/persons?cols=code,display_name,phone,${cfSize}&${cfSize}=${sizeCommon}` },
  { name: 'person record page', key: 'record', url: `/parties/party?id=${recordId}` },
  { name: 'company record with its tree', key: 'company_record', url: `/parties/party?id=${holding[0]}` },
  { name: 'companies under a company, all depths', key: 'list_company', url: `/parties/companies?company=${enc(holding[1])}&subs=1` },
  { name: 'save a person (POST + CSRF)', key: 'save', url: '/parties/party/update', save: true },
  // the records engine's pages (the users screens are built on it)
  { name: 'users list (records engine)', key: 'users_list', url: '/admin/users' },
  { name: 'user record (records engine)', key: 'user_record', url: `/admin/user?id=${sqlInt("SELECT id FROM users WHERE username = 'admin'")}` },
];

let saveRuns = 0;
function wrk(target, conns, seconds) {
  // a save needs records it has not saved yet: each save run gets its own range of ids
  const base = firstPerson + (target.save ? saveRuns++ : 0) * Math.floor(persons / (2 * CONNS.length));
  const env = { ...process.env, BENCH_CSRF: csrf, BENCH_SAVE_BASE: String(base) };
  const args = ['-t', String(Math.min(conns, 2)), '-c', String(conns), '-d', `${seconds}s`, '--timeout', '10s',
    '-H', `Cookie: ${cookie}`, '-s', lua, `${BASE}${target.url}`];
  if (target.save) args.push('--', 'save');
  const res = spawnSync('wrk', args, { env, encoding: 'utf8' });
  const line = (res.stdout || '').split('\n').find((l) => l.startsWith('{"requests"'));
  if (res.status !== 0 || !line) throw new Error(`wrk failed for ${target.url}: ${res.stderr}\n${res.stdout}`);
  return JSON.parse(line);
}

// This stack's workers: the children of the module's multiwatch (its pid file).
const workerPids = (module) => {
  const watcher = fs.readFileSync(path.join(VAR, 'run', `${module}.pid`), 'utf8').trim();
  return execFileSync('pgrep', ['-P', watcher], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
};
const status = (pid, field) => Number((fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`)) || [0, 0])[1]);

// How many SQL statements a page runs: one request as the bench user, its access line's sql=.
async function statementsOf(target) {
  if (target.save || target.url.startsWith('/static/')) return null;
  const module = target.url.split('/')[1];
  const log = path.join(VAR, 'log', `${module}.log`);
  const size = fs.existsSync(log) ? fs.statSync(log).size : 0;
  await get(target.url, { jar });
  for (let i = 0; i < 20; i++) {
    const tail = fs.readFileSync(log, 'utf8').slice(size);
    const m = [...tail.matchAll(/ access GET (\S+) \d+ .* sql=(\d+)/g)].find((x) => target.url.startsWith(x[1]));
    if (m) return Number(m[2]);
    await new Promise((res) => setTimeout(res, 50));
  }
  return null;
}

const results = [];
for (const t of targets) {
  const statements = await statementsOf(t);
  for (const c of CONNS) {
    if (WARMUP) wrk(t, c, WARMUP);
    const r = wrk(t, c, DURATION);
    results.push({ key: t.key, name: t.name, conns: c, rps: r.requests / (r.duration_us / 1e6), p50_ms: r.p50 / 1000,
      p99_ms: r.p99 / 1000, max_ms: r.max / 1000, errors: r.errors, non2xx3xx: r.status_errors, sql: statements });
    process.stderr.write(`  ${t.key} c=${c}: ${Math.round(r.requests / (r.duration_us / 1e6))} req/s\n`);
  }
}
const floor = Object.fromEntries(results.filter((r) => r.key === 'floor').map((r) => [r.conns, r.rps]));
for (const r of results) r.ratio_to_floor = floor[r.conns] ? r.rps / floor[r.conns] : null;

// Export: the web route (time, worker peak RSS) and libxlsxwriter alone on the same cells.
const exportUrl = `/parties/persons/export?state=all&group=${exportGroup}&cols=${exportCols}`;
const before = Math.max(...workerPids('parties').map((p) => status(p, 'VmHWM')));
let t0 = process.hrtime.bigint();
const xres = await get(`${exportUrl}&format=xlsx`, { jar });
const exportSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
if (xres.status !== 200) throw new Error(`export: ${xres.status}`);
const peakKb = Math.max(...workerPids('parties').map((p) => status(p, 'VmHWM')));
const csv = await get(`${exportUrl}&format=csv`, { jar });
fs.writeFileSync(path.join(tmp, 'export.csv'), csv.body);
const alone = execFileSync(path.join(BUILD, 'bin/xlsx_alone'), [path.join(tmp, 'export.csv'), path.join(tmp, 'alone.xlsx')], { encoding: 'utf8' }).trim().split(' ');
const exportRows = Number(alone[1]) - 1;
const aloneSeconds = Number(alone[0]);

const rss = {};
for (const m of ['auth', 'home', 'admin', 'parties'])
  rss[m] = workerPids(m).map((p) => status(p, 'VmRSS'));
const maxRssMb = Math.max(...Object.values(rss).flat()) / 1024;

const at = (key, c) => results.find((r) => r.key === key && r.conns === c);
const cMax = Math.max(...CONNS);
const check = (ok) => (ok ? 'PASS' : 'MISS');
const list = at('list', cMax), phone = [at('search_name', cMax), at('search_phone', cMax)], record = at('record', cMax);
const custom = at('list_custom', cMax);
const targetsOut = [
  { target: `persons list >= 40% of bare-SELECT throughput at ${cMax} connections`, value: `${(list.ratio_to_floor * 100).toFixed(0)}%`, result: check(list.ratio_to_floor >= 0.4) },
  { target: `list filtered by a searchable custom field >= 40% of the floor at ${cMax}`, value: `${(custom.ratio_to_floor * 100).toFixed(0)}%`, result: check(custom.ratio_to_floor >= 0.4) },
  { target: `persons list p99 <= 50 ms at ${cMax}`, value: `${list.p99_ms.toFixed(1)} ms`, result: check(list.p99_ms <= 50) },
  { target: `phone-book search p99 <= 100 ms at ${cMax}`, value: phone.map((p) => `${p.p99_ms.toFixed(1)} ms`).join(', '), result: check(phone.every((p) => p.p99_ms <= 100)) },
  { target: `record page p99 <= 50 ms at ${cMax}`, value: `${record.p99_ms.toFixed(1)} ms`, result: check(record.p99_ms <= 50) },
  { target: `XLSX export of ${exportRows} persons x 20 columns <= 2x libxlsxwriter alone`, value: `${exportSeconds.toFixed(2)} s vs ${aloneSeconds.toFixed(2)} s (${(exportSeconds / aloneSeconds).toFixed(1)}x)`, result: check(exportSeconds <= 2 * aloneSeconds) },
  { target: 'export peak RSS <= 64 MB', value: `${(peakKb / 1024).toFixed(1)} MB`, result: check(peakKb / 1024 <= 64) },
  { target: 'worker RSS <= 16 MB', value: `${maxRssMb.toFixed(1)} MB`, result: check(maxRssMb <= 16) },
];

const pad = (s, n) => String(s).padEnd(n);
const lines = [];
lines.push(`make bench: ${persons} persons, ${os.cpus().length} cores, ${DURATION} s per point after ${WARMUP} s warm-up`);
lines.push('');
lines.push(`${pad('page', 36)}${pad('conns', 7)}${pad('req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}${pad('x floor', 9)}${pad('SQL', 5)}errors`);
for (const r of results)
  lines.push(`${pad(r.name, 36)}${pad(r.conns, 7)}${pad(Math.round(r.rps), 10)}${pad(r.p50_ms.toFixed(2), 9)}${pad(r.p99_ms.toFixed(2), 9)}${pad(r.max_ms.toFixed(1), 9)}${pad(r.ratio_to_floor == null ? '' : r.ratio_to_floor.toFixed(2), 9)}${pad(r.sql == null ? '' : r.sql, 5)}${r.errors + r.non2xx3xx}`);
lines.push('');
lines.push(`export: ${exportRows} rows x 20 columns to XLSX through the web in ${exportSeconds.toFixed(2)} s (libxlsxwriter alone ${aloneSeconds.toFixed(2)} s), worker peak RSS ${(peakKb / 1024).toFixed(1)} MB (before: ${(before / 1024).toFixed(1)} MB)`);
lines.push(`worker RSS after the run (MB): ${Object.entries(rss).map(([m, v]) => `${m} ${v.map((k) => (k / 1024).toFixed(1)).join('/')}`).join(', ')}`);
lines.push('');
for (const t of targetsOut) lines.push(`${pad(t.result, 6)}${pad(t.target, 72)}${t.value}`);
console.log(lines.join('\n'));

const version = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]; } catch (e) { return String(e.stderr || '').split('\n')[0]; } };
const out = {
  date: new Date().toISOString(), quick: process.env.BENCH_QUICK === '1', persons, companies: sqlInt("SELECT COUNT(*) FROM parties WHERE kind = 'company'"),
  machine: { cores: os.cpus().length, cpu: os.cpus()[0].model, memory_gb: Math.round(os.totalmem() / 2 ** 30), kernel: os.release() },
  versions: { mariadb: version('mariadbd', ['--version']), nginx: spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim(),
    wrk: version('wrk', ['-v']), gcc: version('gcc', ['--version']), node: process.version },
  duration_s: DURATION, warmup_s: WARMUP, results,
  export: { rows: exportRows, columns: 20, seconds: exportSeconds, libxlsxwriter_alone_s: aloneSeconds, peak_rss_mb: peakKb / 1024 },
  worker_rss_kb: rss, targets: targetsOut,
};
if (process.env.BENCH_RESULTS !== '0') {
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${out.date.slice(0, 19).replace(/:/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwritten: ${path.relative(ROOT, file)}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
if (PERSONS && persons < PERSONS) throw new Error(`expected ${PERSONS} persons, found ${persons}`);
