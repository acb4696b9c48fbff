// The pages the menus reach, shared by the walks over every page (responsive.test.mjs: no page
// wider than a phone; axe.test.mjs: no serious accessibility violation).
import { BASE } from '../http/helpers.mjs';

// A file name for a page: its path and query, letters and digits only.
export const slug = (url) => {
  const u = new URL(url);
  return (u.pathname + u.search).replace(/^\/|\/$/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '') || 'root';
};

// Menu and sub-menu links of the page in view (same origin only; the log-out is a form, not a link).
export const navLinks = (page) => page.$$eval('#topnav a[href], .subnav a[href]',
  (as) => as.map((a) => a.href).filter((h) => h.startsWith(location.origin)));

// The first record link of a list, its edit link and the list's "new" link.
export async function recordPages(page, list, rowLink, editSel, newSel) {
  await page.goto(`${BASE}${list}`);
  const found = [];
  const add = async (sel) => {
    if (!sel || await page.locator(sel).count() === 0) return;
    const h = await page.locator(sel).first().getAttribute('href');
    if (h) found.push(new URL(h, page.url()).href);
  };
  await add(newSel);
  const n = found.length;
  await add(rowLink);
  if (editSel && found.length > n) {
    await page.goto(found[n]);
    await add(editSel);
  }
  return found;
}

// Every page the menus reach from the start page, breadth first, then the record pages.
export async function allPages(page) {
  await page.goto(`${BASE}/home/`);
  const seen = new Set([`${BASE}/home/`]);
  const queue = [`${BASE}/home/`];
  for (let i = 0; i < queue.length; i++) {
    await page.goto(queue[i]);
    for (const h of await navLinks(page)) if (!seen.has(h)) { seen.add(h); queue.push(h); }
  }
  const extra = [
    ...await recordPages(page, '/parties/persons', '#parties tbody a[href*="/parties/party?id="]', '#edit', '#new-party'),
    ...await recordPages(page, '/parties/companies', '#parties tbody a[href*="/parties/party?id="]', '#edit', '#new-party'),
    ...await recordPages(page, '/admin/users', '#users tbody a[href*="/admin/user?id="]', null, '#new-user'),
    ...await recordPages(page, '/admin/roles', '#roles tbody a[href*="/admin/role?id="]', null, '#new-role'),
    ...await recordPages(page, '/admin/teams', '#teams tbody a[href*="/admin/team?id="]', null, '#new-team'),
  ];
  for (const h of extra) if (!seen.has(h)) { seen.add(h); queue.push(h); }
  return queue;
}
