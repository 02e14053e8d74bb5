// The annual report in the browser (SQLite): the openness office opens the list of reports with their deadlines,
// opens a department's report, enters the Table 二 counts and the texts, previews the tables and the check, publishes
// it; a visitor finds it in the 政府信息公开年报 column and reads it; the XLSX download opens with a ZIP parser.
// Every page is checked with axe-core and carries no script.
// Before that, the office opens the indicator dashboard and drills from the overdue figure to the request (the page
// works without JavaScript: the numbers are links), and opens an inspection, records a finding and sends a
// rectification notice, which the unit's administrator answers. The dashboard's charts are drawn by the
// ECharts bundle without a console error, and the same page without JavaScript still shows every number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, newContext, expectPageBasics, login, shot, SHOTS } from './support.mjs';
import { unzip } from '../integration/lib/zip.mjs';

const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
let server, browser, office, visitor, reportUrl;
const consoleErrors = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  office = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } })).newPage();
  office.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  office.on('pageerror', (e) => consoleErrors.push(String(e)));
  visitor = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } })).newPage();
});

after(async () => {
  server?.assertHealthy();
  await browser?.close();
  await server?.stop();
});

async function submit(button) {
  const [response] = await Promise.all([button.page().waitForNavigation(), button.click()]);
  return response;
}

test('the office opens the dashboard and drills from the overdue figure to the request', async () => {
  // One open demo request made overdue (its due date yesterday), as the clock would after 20 working days.
  const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
  execFileSync('sqlite3', [join(server.data, 'gongkai.db'), `UPDATE requests SET due_on = '${yesterday}' WHERE id = (SELECT
    MIN(id) FROM requests WHERE state NOT IN ('replied', 'deemed_withdrawn', 'closed_duplicate', 'archived'))`]);
  const number = execFileSync('sqlite3', [join(server.data, 'gongkai.db'), `SELECT number FROM requests WHERE due_on = '${yesterday}'`]).toString().trim();
  await office.goto('/login');
  await login(office, 'supervisor');
  await office.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '监督检查' }).click();
  await office.waitForURL('**/console/oversight');
  await expectPageBasics(office, '/console/oversight');
  assert.match(await office.locator('main').innerText(), /指标说明/);
  // The charts (ECharts, bundled into /static/js/charts.js) draw on canvases under the CSP, with no console error;
  // the trend table beside them carries the same numbers.
  await office.locator('.chart.chart-drawn canvas').first().waitFor();
  assert.equal(await office.locator('.chart.chart-drawn').count(), 2, 'the trend and the unit comparison are drawn');
  assert.ok(await office.locator('#trend tbody tr').count() >= 1);
  assert.deepEqual(consoleErrors, [], 'no console errors (a CSP violation would show here)');
  await shot(office, 'oversight-dashboard');
  await office.locator('#indicators').getByRole('link', { name: /^超期未答复：/ }).first().click();
  await office.waitForURL('**/console/oversight/records?**');
  await expectPageBasics(office, 'overdue records');
  await office.getByRole('link', { name: number }).click();
  await office.waitForURL('**/console/requests/**');
  assert.match(await office.locator('main').innerText(), new RegExp(number));
});

test('the office opens an inspection and sends a notice; the unit answers its rectification notice', async () => {
  const later = new Date(Date.now() + 8 * 3600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
  await office.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '检查整改' }).click();
  await office.waitForURL('**/console/inspections');
  await expectPageBasics(office, '/console/inspections');
  await office.getByLabel('检查名称').fill('上半年政务公开检查');
  await office.getByLabel('检查范围').fill('网站栏目更新与政策解读');
  await office.getByLabel('检查期间起始日期').fill(`${YEAR + 1}-01-01`);
  await office.getByLabel('检查期间截止日期').fill(`${YEAR + 1}-06-30`);
  await office.getByLabel('完成期限').fill(later);
  await office.getByRole('checkbox', { name: '区教育局', exact: true }).check();
  let r = await submit(office.getByRole('button', { name: '开启检查' }));
  assert.equal(r.status(), 200);
  await expectPageBasics(office, 'inspection page');
  const inspectionUrl = new URL(office.url()).pathname;
  await office.getByLabel('问题描述').fill('“政策解读”栏目超过6个月未更新');
  await office.getByLabel(/证据链接/).fill('/console/oversight?from=2026-01-01');
  r = await submit(office.getByRole('button', { name: '记录问题' }));
  assert.equal(r.status(), 200);
  await office.getByLabel('整改期限').fill(later);
  r = await submit(office.getByRole('button', { name: '发出整改通知' }));
  assert.equal(r.status(), 200);
  assert.match(await office.locator('main').innerText(), /已发整改通知/);

  const unit = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } })).newPage();
  await unit.goto('/login');
  await login(unit, 'unitadmin');
  await unit.goto(inspectionUrl);
  await expectPageBasics(unit, 'inspection page (unit)');
  await unit.getByLabel('整改情况（做了哪些修改）').fill('已发布3条政策解读，并建立月度更新提醒。');
  r = await submit(unit.getByRole('button', { name: '答复整改通知' }));
  assert.equal(r.status(), 200);
  assert.match(await unit.locator('main').innerText(), /单位已答复/);
  await unit.context().close();
});

test('the office opens the reports list and a department report (tables, check, deadline)', async () => {
  await office.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '年度报告' }).click();
  await office.waitForURL('**/console/reports');
  await expectPageBasics(office, '/console/reports');
  assert.match(await office.locator('main').innerText(), new RegExp(`${YEAR + 1}-03-31`));
  await office.getByRole('link', { name: '区教育局', exact: true }).click();
  await office.waitForURL('**/console/reports/annual?**');
  reportUrl = new URL(office.url()).pathname + new URL(office.url()).search;
  await expectPageBasics(office, 'annual report draft');
  const main = await office.locator('main').innerText();
  assert.match(main, /一、本年新收政府信息公开申请数量/);
  assert.match(main, /四、结转下年度继续办理/);
  assert.match(main, new RegExp(`法定期限：${YEAR + 1}-01-31`));
  await shot(office, 'oversight-report-draft');
});

test('counts and texts are saved; the report is published into its column and frozen', async () => {
  await office.getByLabel('行政许可处理决定数量').fill('412');
  await office.getByLabel('行政事业性收费金额（万元）').fill('12.5035');
  let r = await submit(office.getByRole('button', { name: '保存填报数据' }));
  assert.equal(r.status(), 200);
  await expectPageBasics(office, 'report after counts');
  assert.match(await office.locator('#table2').innerText(), /412/);
  await office.getByLabel('一、总体情况').fill('本年度，区教育局认真贯彻《中华人民共和国政府信息公开条例》。');
  await office.getByLabel('五、存在的主要问题及改进情况').fill('个别栏目更新不及时，已建立提醒机制。');
  r = await submit(office.getByRole('button', { name: '保存报告文字' }));
  assert.equal(r.status(), 200);
  // Table 四 needs request_appeals (migration 0011 of the requests capability). Until this branch has it, the page
  // says so and publication is refused; the fixture then creates exactly its columns.
  if (/复议诉讼记录表尚未建立/.test(await office.locator('main').innerText())) {
    r = await submit(office.getByRole('button', { name: '发布年度报告' }));
    assert.equal(r.status(), 422);
    assert.match(await office.getByRole('alert').first().innerText(), /复议诉讼记录表尚未建立/);
    await expectPageBasics(office, 'publication refused');
    execFileSync('sqlite3', [join(server.data, 'gongkai.db'), `CREATE TABLE request_appeals (id INTEGER PRIMARY KEY
      AUTOINCREMENT, request_id BIGINT NOT NULL REFERENCES requests(id), kind TEXT NOT NULL, after_review INTEGER NOT
      NULL DEFAULT 0, filed_on TEXT NOT NULL, authority TEXT NOT NULL, result TEXT NOT NULL DEFAULT 'pending',
      decided_on TEXT, note TEXT NOT NULL DEFAULT '', created_by BIGINT REFERENCES users(id), created_at TEXT NOT NULL)`]);
    await office.goto(reportUrl);
  }
  r = await submit(office.getByRole('button', { name: '发布年度报告' }));
  assert.equal(r.status(), 200);
  await expectPageBasics(office, 'report published');
  assert.match(await office.locator('.notice').innerText(), /已发布/);
  assert.equal(await office.getByRole('button', { name: '保存报告文字' }).count(), 0, 'no edit form once published');
  await shot(office, 'oversight-report-published');
});

test('a visitor reads the report in the 政府信息公开年报 column', async () => {
  await visitor.goto('/columns/annual-reports');
  await expectPageBasics(visitor, '/columns/annual-reports');
  await visitor.getByRole('link', { name: `区教育局${YEAR}年政府信息公开工作年度报告` }).click();
  await visitor.waitForURL('**/documents/**');
  await expectPageBasics(visitor, 'published annual report');
  const body = await visitor.locator('main').innerText();
  assert.match(body, /三、收到和处理政府信息公开申请情况/);
  assert.match(body, /12\.5035/);
  assert.match(body, /复议后起诉/);
  await shot(visitor, 'oversight-report-public');
});

test('the XLSX download opens and holds the official layout', async () => {
  const res = await office.request.get(reportUrl.replace('/console/reports/annual?', '/console/reports/annual.xlsx?'));
  assert.equal(res.status(), 200);
  const files = unzip(Buffer.from(await res.body()));
  const strings = files.get('xl/sharedStrings.xml').toString('utf8');
  for (const s of ['四、结转下年度继续办理', '未经复议直接起诉', '12.5035']) assert.ok(strings.includes(s), `xlsx lacks ${s}`);
});

test('the PDF download opens: its text holds the official tables and its first page renders as a picture', async () => {
  const res = await office.request.get(reportUrl.replace('/console/reports/annual?', '/console/reports/annual.pdf?'));
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'gk-pdf-'));
  try {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(dir, 'report.pdf'), await res.body());
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-']).toString('utf8');
    for (const s of ['三、收到和处理政府信息公开申请情况', '复议后起诉', '12.5035']) assert.ok(text.includes(s), `pdf lacks ${s}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'report.pdf'), join(SHOTS, 'oversight-report-pdf')]);
    const png = readdirSync(SHOTS).find((f) => f.startsWith('oversight-report-pdf') && f.endsWith('.png'));
    assert.ok(png, 'the first page rendered');
    assert.ok(statSync(join(SHOTS, png)).size > 10_000, 'the rendered page is not blank');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the dashboard exports its figures as XLSX, and reads without JavaScript', async () => {
  const res = await office.request.get('/console/oversight.xlsx');
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /spreadsheetml/);
  const files = unzip(Buffer.from(await res.body()));
  const workbook = files.get('xl/workbook.xml').toString('utf8');
  for (const s of ['指标', '趋势', '指标说明']) assert.ok(workbook.includes(`name="${s}"`), `xlsx lacks sheet ${s}`);
  assert.ok([...files.keys()].some((k) => k.startsWith('xl/charts/chart')), 'the trend sheet carries a chart');
  const strings = files.get('xl/sharedStrings.xml').toString('utf8');
  for (const s of ['区教育局', '20个工作日内公开率', '超期未答复']) assert.ok(strings.includes(s), `xlsx lacks ${s}`);

  const context = await newContext(browser, server.base, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await login(page, 'supervisor');
  await page.goto('/console/oversight');
  assert.equal(await page.locator('.chart-drawn').count(), 0);
  assert.ok(await page.locator('#trend tbody tr').count() >= 1, 'the trend table is there');
  assert.ok(await page.locator('#indicators tbody tr').count() >= 2, 'the indicator table is there');
  await context.close();
});
