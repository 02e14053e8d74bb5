// The public site as a visitor sees it: home, unit directory, a unit page, the login page and the 404 page — by
// mouse, by keyboard only and on a phone-sized screen. Every page visited is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DISTRICT, startServer, launchBrowser, newContext, visit, expectPageBasics, expectNoHorizontalScroll, shot,
} from './support.mjs';
import { focusInfo, assertFocusVisible } from './focus.mjs';

let server, browser, context, page;
let rootPath; // the district government's own unit page

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('home page names the district and lists its units', async () => {
  await visit(page, '/', 'home');
  assert.equal(await page.locator('h1').innerText(), DISTRICT);
  assert.match(await page.locator('.brand-name').innerText(), new RegExp(DISTRICT));
  const depts = page.getByRole('region', { name: /区政府部门/ });
  const towns = page.getByRole('region', { name: /镇（街道）/ });
  assert.ok((await depts.getByRole('link').count()) >= 20, 'departments listed');
  assert.ok((await towns.getByRole('link').count()) >= 5, 'towns listed');
  assert.ok(await depts.getByRole('link', { name: '区教育局', exact: true }).isVisible());
  assert.ok(await towns.getByRole('link', { name: '新桥镇人民政府' }).isVisible());
  const office = page.getByRole('region', { name: '政府信息公开工作机构' });
  assert.match(await office.innerText(), /联系电话\s*0571-86100001/);
  rootPath = await office.getByRole('link', { name: `查看${DISTRICT}机构信息` }).getAttribute('href');
  assert.match(rootPath, /^\/units\/\d+$/);
  await shot(page, 'home');
});

test('unit directory lists every unit with its contacts', async () => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '机构名录' }).click();
  await page.waitForURL('**/units');
  await expectPageBasics(page, '/units');
  const table = page.getByRole('table', { name: '区政府部门联系方式' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '区教育局' }) });
  assert.match(await row.innerText(), /临江区政务中心路\d+号/);
  assert.match(await row.innerText(), /0571-8\d{7}/);
  assert.ok((await page.getByRole('table', { name: '镇（街道）联系方式' }).getByRole('row').count()) > 5);
});

test('a unit page shows its functions, leaders and contacts', async () => {
  await page.goto('/');
  await page.getByRole('link', { name: '区教育局', exact: true }).click();
  await page.waitForURL(/\/units\/\d+$/);
  await expectPageBasics(page, 'unit page');
  assert.equal(await page.locator('h1').innerText(), '区教育局');
  const crumbs = page.getByRole('navigation', { name: '当前位置' });
  assert.deepEqual(await crumbs.getByRole('link').allInnerTexts(), ['首页', '机构名录', DISTRICT]);
  assert.match(await page.getByRole('region', { name: '机构职能' }).innerText(), /义务教育招生入学/);
  const leaders = page.getByRole('region', { name: '领导信息' }).getByRole('listitem');
  assert.equal(await leaders.count(), 3);
  assert.match(await leaders.first().innerText(), /局长\s*主持全面工作/);
  const contact = await page.getByRole('region', { name: '联系方式' }).innerText();
  for (const re of [/负责人/, /办公地址/, /联系电话\s*0571-8\d{7}/, /电子邮箱/, /统一社会信用代码\s*[0-9A-Z]{18}/]) {
    assert.match(contact, re);
  }
  assert.match(await page.getByRole('region', { name: '政府信息公开工作机构' }).innerText(), /区教育局办公室（政务公开）/);
  // A visitor is not offered the staff edit button.
  assert.equal(await page.getByRole('link', { name: '编辑本单位信息' }).count(), 0);
  await shot(page, 'unit');
});

test('login page', async () => {
  await visit(page, '/login', '/login');
  assert.ok(await page.getByLabel('用户名').isVisible());
  assert.ok(await page.getByLabel('密码', { exact: true }).isVisible());
  await shot(page, 'login');
});

test('keyboard only: the skip link works and focus is always visible', async () => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  let info = await focusInfo(page);
  assert.equal(info.text, '跳到主要内容', 'the first Tab reaches the skip link');
  assertFocusVisible(info, 'skip link');
  await shot(page, 'focus-skip-link');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/#main');
  assert.equal((await focusInfo(page))?.id, 'main', 'the skip link moves focus to <main>');
  await page.keyboard.press('Tab');
  info = await focusInfo(page);
  assert.ok(info.insideMain, `after skipping, Tab lands inside the main content (got ${info.tag} “${info.text}”)`);
  assertFocusVisible(info, 'first link in main');

  // Tabbing from the top through the header and into the content: every stop shows where focus is.
  for (const path of ['/', rootPath, '/login']) {
    await page.goto(path);
    const seen = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      info = await focusInfo(page);
      assertFocusVisible(info, `${path} Tab #${i + 1}`);
      seen.push(info.text);
    }
    if (path === '/') assert.ok(seen.includes('机构名录') && seen.includes('工作人员登录'), `header links reached: ${seen}`);
  }
  await page.goto('/');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await shot(page, 'focus-nav');
});

test('phone-sized screen (375×740): no horizontal scrolling', async () => {
  const phone = await newContext(browser, server.base, {
    viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  try {
    const p = await phone.newPage();
    for (const [path, name] of [['/', 'phone-home'], [rootPath, 'phone-unit-root'], ['/login', 'phone-login']]) {
      await p.goto(path);
      await expectNoHorizontalScroll(p, path);
      await shot(p, name);
    }
    await p.goto('/');
    await p.getByRole('link', { name: '区教育局', exact: true }).click();
    await p.waitForURL(/\/units\/\d+$/);
    await expectNoHorizontalScroll(p, 'unit page');
    await shot(p, 'phone-unit');
    await p.goto('/units');
    await expectNoHorizontalScroll(p, '/units');
  } finally {
    await phone.close();
  }
});

test('the 404 page explains and offers a way on', async () => {
  await visit(page, '/no-such-page', '404 page', { status: 404 });
  assert.equal(await page.locator('h1').innerText(), '页面不存在');
  assert.ok(await page.getByRole('link', { name: '返回首页' }).isVisible());
  assert.ok(await page.getByRole('link', { name: '浏览机构名录' }).isVisible());
  // The site's own navigation is still there.
  assert.ok(await page.getByRole('navigation', { name: '主导航' }).isVisible());
  await shot(page, '404');

  const r = await page.goto('/units/987654');
  assert.equal(r.status(), 404);
  assert.match(await page.locator('main').innerText(), /没有找到这个单位/);
  await page.getByRole('link', { name: '浏览机构名录' }).click();
  await page.waitForURL('**/units');
});

test('server stayed healthy (no crash, no sanitizer report)', () => {
  server.assertHealthy();
});
