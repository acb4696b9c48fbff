// Bulk "Add to group" in the browser (html/static/js/bulk.js): each action that takes a choice has its
// own select in the bar, shown and enabled only while that action is chosen (so only its choice is
// posted); choosing a sub-group and applying adds the chosen rows to it and to nothing else.
// Screenshots: $CRM_VAR/screenshots/bulk-group-<desktop|phone>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, get, postForm, csrfOf, login, createUser, uniqueName, sql, sqlInt, newPerson } from '../http/helpers.mjs';

let browser, jar;
const user = uniqueName('bulkg');
const PASSWORD = 'bulk-group-browser-pw-1';
before(async () => {
  browser = await launch();
  createUser(user, PASSWORD, 'admin');
  jar = (await login(user, PASSWORD)).jar;
});
after(async () => { await browser?.close(); });

async function makeGroup(name, parent) {
  const page = await get('/parties/groups', { jar });
  const res = await postForm('/parties/group/create', { csrf_token: csrfOf(page.text), name, parent_id: parent || '' }, jar);
  assert.equal(res.status, 303);
  return sqlInt(`SELECT id FROM party_groups WHERE name = '${name}'`);
}

const state = (page, sel) => page.locator(sel).evaluate((s) => ({ visible: !s.hidden && s.offsetParent !== null,
  disabled: s.disabled }));

for (const [label, size, lang, digits] of [['desktop', { width: 1366, height: 800 }, 'en', 'latin'],
  ['phone', { width: 390, height: 844 }, 'fa', 'persian']]) {
  test(`bulk bar: "Add to group" shows its own group select and adds the chosen rows (${label})`, async () => {
    sql(`UPDATE users SET lang = '${lang}', digits = '${digits}' WHERE username = '${user}'`);
    const top = await makeGroup(uniqueName('BBtop'));
    const sub = await makeGroup(uniqueName('BBsub'), top);
    // three persons nobody else has as expert: the list filtered by that expert holds exactly them
    const expertName = uniqueName('bbx');
    createUser(expertName, 'bulk-group-browser-pw-2', 'staff');
    const expert = sqlInt(`SELECT id FROM users WHERE username = '${expertName}'`);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await newPerson(jar, { last_name: uniqueName('BulkB') }));
    sql(`INSERT INTO party_experts (party_id, user_id) VALUES ${ids.map((id) => `(${id}, ${expert})`).join(', ')}`);

    const page = await (await browser.newContext({ viewport: size })).newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await logIn(page, user, PASSWORD);
    await page.goto(`${BASE}/parties/persons?state=all&expert=${expert}`);
    assert.equal(await page.locator('input[form="bulk-form"][name="id"]').count(), 3);

    // another action chosen: neither group select is shown or posted
    await page.selectOption('#bulk-do', 'star');
    assert.deepEqual(await state(page, '#bulk-arg-group_add'), { visible: false, disabled: true });
    assert.deepEqual(await state(page, '#bulk-arg-group_remove'), { visible: false, disabled: true });
    await page.selectOption('#bulk-do', 'group_remove');
    assert.deepEqual(await state(page, '#bulk-arg-group_add'), { visible: false, disabled: true });
    assert.deepEqual(await state(page, '#bulk-arg-group_remove'), { visible: true, disabled: false });
    await page.selectOption('#bulk-do', 'group_add');
    assert.deepEqual(await state(page, '#bulk-arg-group_add'), { visible: true, disabled: false });
    assert.deepEqual(await state(page, '#bulk-arg-group_remove'), { visible: false, disabled: true });
    assert.equal(await page.locator('select.bulk-arg:visible').count(), 1, 'only its own select');
    // the sub-group, shown indented under its parent
    const subText = await page.locator(`#bulk-arg-group_add option[value="${sub}"]`).textContent();
    assert.match(subText, /^— /);
    await page.selectOption('#bulk-arg-group_add', String(sub));

    const boxes = page.locator(`input[form="bulk-form"][name="id"]`);
    await page.locator(`input[form="bulk-form"][name="id"][value="${ids[0]}"]`).check();
    await page.locator(`input[form="bulk-form"][name="id"][value="${ids[1]}"]`).check();
    assert.equal(await boxes.count(), 3);
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), 'no sideways scroll');
    await page.screenshot({ path: path.join(shots, `bulk-group-${label}.png`), fullPage: false });

    let posted = '';
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/parties/bulk')) posted = r.postData() || ''; });
    await Promise.all([page.waitForURL(/bulk=group_add/), page.click('#bulk-go')]);
    const body = new URLSearchParams(posted);
    assert.equal(body.get('do'), 'group_add');
    assert.equal(body.get('arg_group_add'), String(sub));
    assert.equal(body.has('arg_group_remove'), false, 'the hidden select is not posted');
    assert.equal(await page.locator('#bulk-changed').isVisible(), true);
    const two = digits === 'persian' ? '۲' : '2';
    assert.equal((await page.locator('#bulk-changed').textContent()).trim(), two);
    assert.equal(sql(`SELECT GROUP_CONCAT(party_id ORDER BY party_id) FROM party_group_members WHERE group_id = ${sub}`),
      `${ids[0]},${ids[1]}`);
    assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_members WHERE group_id = ${top}`), 0, 'not the parent group');
    assert.equal(sqlInt(`SELECT COUNT(*) FROM party_group_members WHERE party_id = ${ids[2]}`), 0, 'the row not chosen');
    assert.deepEqual(problems, []);
  });
}
