// A visitor searches in Traditional script from the header's search box, narrows the results by unit and by
// year, and opens a result; then the same on a phone-sized screen. Every page is checked with axe-core, and works
// without JavaScript (the results page has none).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newContext, visit, expectPageBasics, expectNoHorizontalScroll, shot,
} from './support.mjs';

let server, browser, context, page;

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

test('a Traditional query from the header finds the Simplified documents, highlighted', async () => {
  await visit(page, '/', 'home');
  const box = page.getByRole('search').getByLabel('站内搜索');
  await box.fill('臨江區 學校');
  await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
  await expectPageBasics(page, 'search results');
  const count = page.getByRole('heading', { name: /找到 \d+ 条结果/ });
  assert.ok(await count.isVisible());
  const results = page.locator('.search-results > li');
  assert.ok((await results.count()) >= 2, 'several results');
  assert.ok((await page.locator('.search-results mark').count()) > 0, 'matches are marked');
  assert.match(await page.locator('.search-results mark').first().innerText(), /临江区|学校/);
  await shot(page, 'search-results');
});

test('facets narrow by unit, the form by year; the chosen filters show and can be removed', async () => {
  const facets = page.getByRole('complementary', { name: '筛选' });
  const unitLink = facets.getByRole('link', { name: '区教育局' });
  await Promise.all([page.waitForURL(/unit=\d+/), unitLink.click()]);
  await expectPageBasics(page, 'search by unit');
  const units = await page.locator('.search-results .doc-meta span:first-child').allInnerTexts();
  assert.ok(units.length > 0);
  for (const u of units) assert.equal(u, '区教育局');
  assert.ok(await page.getByRole('link', { name: /取消筛选 单位：区教育局/ }).isVisible());

  await page.getByText('年份与排序').click();
  await page.getByLabel('从（年）').fill('2026');
  await page.getByLabel('到（年）').fill('2026');
  await Promise.all([page.waitForURL(/year_from=2026/), page.locator('#main').getByRole('button', { name: '搜索', exact: true }).click()]);
  await expectPageBasics(page, 'search by unit and year');
  assert.match(page.url(), /unit=\d+/, 'the unit filter is kept');
  assert.ok(await page.getByRole('link', { name: /取消筛选 年份：2026年/ }).isVisible());
  const dates = await page.locator('.search-results time').allInnerTexts();
  assert.ok(dates.length > 0);

  const first = page.locator('.search-results .doc-title').first();
  const title = (await first.innerText()).trim();
  await Promise.all([page.waitForURL(/\/documents\/\d+/), first.click()]);
  await expectPageBasics(page, 'the opened result');
  assert.equal((await page.locator('h1').innerText()).trim(), title);
});

test('nothing holds the whole query: parts of it are offered, and nothing at all is said plainly', async () => {
  await visit(page, '/search?q=' + encodeURIComponent('學校 火星殖民'), 'partial results');
  await expectPageBasics(page, 'partial results');
  const banner = page.getByRole('status').filter({ hasText: '没有同时包含全部内容的结果' });
  assert.ok(await banner.isVisible());
  await Promise.all([page.waitForURL(/q=/), banner.getByRole('link', { name: /只查“學校”/ }).click()]);
  assert.ok((await page.locator('.search-results > li').count()) > 0);
  await visit(page, '/search?q=' + encodeURIComponent('火星殖民 太空電梯'), 'no results');
  await expectPageBasics(page, 'no results');
  assert.match(await page.getByRole('status').filter({ hasText: '没有找到' }).innerText(), /没有找到包含“火星殖民 太空電梯”的政府信息/);
});

test('on a phone the search page fits the screen', async () => {
  const phone = await newContext(browser, server.base, { viewport: { width: 375, height: 740 }, isMobile: true });
  const p = await phone.newPage();
  await visit(p, '/search?q=' + encodeURIComponent('义务教育'), 'phone search');
  await expectPageBasics(p, 'phone search');
  await expectNoHorizontalScroll(p, 'phone search');
  await shot(p, 'search-phone');
  await phone.close();
});
