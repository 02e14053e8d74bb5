// Co-handling, the sensitive record, review records and the public statistics in the browser, on the demo district:
// the education bureau's handler answers the co-handling request about the investment plan (seeing no personal
// data); the office's handler reads the answer on the case page; the openness office signs off the sensitive
// concession case after the handler records the talk; a visitor reads the statistics. Every page is axe-checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newContext, expectPageBasics, login, visit, shot } from './support.mjs';

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function submit(button) {
  const [response] = await Promise.all([button.page().waitForNavigation(), button.click()]);
  return response;
}

async function signedIn(username) {
  const page = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto('/login');
  await login(page, username);
  return page;
}

async function openCase(page, description) {
  await visit(page, '/console/requests', 'request queue');
  await page.getByRole('row', { name: new RegExp(description) }).getByRole('link').click();
  await expectPageBasics(page, `case ${description}`);
}

test('the co-handling unit answers; the lead unit sees the answer on the case page', async () => {
  const edu = await signedIn('eduhandler');
  await visit(edu, '/console/cohandling', 'co-handling queue');
  await edu.getByRole('row', { name: /学校建设类政府投资项目/ }).getByRole('link').click();
  await expectPageBasics(edu, 'co-handling page');
  const body = await edu.locator('main').innerText();
  assert.ok(!body.includes('吴晓燕'), 'the co-handling unit does not see the applicant');
  await edu.getByRole('textbox', { name: /意见/ }).fill('本局2025年学校建设类项目共3个，计划已经区政府批准，可以公开。');
  const response = await submit(edu.getByRole('button', { name: '提交会办意见' }));
  assert.equal(response.status(), 200);
  await expectPageBasics(edu, 'co-handling queue after answering');
  assert.match(await edu.locator('main').innerText(), /已提交/);

  const office = await signedIn('handler');
  await openCase(office, '政府投资项目年度计划');
  const text = await office.locator('main').innerText();
  assert.match(text, /会办单位意见/);
  assert.match(text, /本局2025年学校建设类项目共3个/);
  await shot(office, 'request-cohandled-case');
});

test('a sensitive case: the handler records the talk, the office signs off', async () => {
  const office = await signedIn('handler');
  await openCase(office, '特许经营协议');
  await office.getByLabel('沟通方式').fill('当面');
  await office.getByLabel('沟通情况').fill('向申请人说明了涉及企业商业信息的部分需征求企业意见。');
  let response = await submit(office.getByRole('button', { name: '保存沟通记录' }));
  assert.equal(response.status(), 200);
  await expectPageBasics(office, 'case after the talk record');
  assert.equal(await office.getByRole('button', { name: '审签' }).count(), 0, 'only the office signs off');

  const supervisor = await signedIn('supervisor');
  await openCase(supervisor, '特许经营协议');
  await supervisor.getByLabel('审签意见').fill('同意，答复前与企业再次核实。');
  response = await submit(supervisor.getByRole('button', { name: '审签' }));
  assert.equal(response.status(), 200);
  await expectPageBasics(supervisor, 'case after sign-off');
  assert.match(await supervisor.locator('main').innerText(), /同意，答复前与企业再次核实/);
});

test('a visitor reads the statistics: counts by unit and outcome, no personal data', async () => {
  const page = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } })).newPage();
  await visit(page, '/requests/statistics', 'public request statistics');
  const text = await page.locator('main').innerText();
  assert.match(text, /各单位办理情况/);
  assert.match(text, /区人民政府办公室/);
  for (const name of ['周明远', '吴晓燕', '钱志伟']) assert.ok(!text.includes(name), `no applicant name (${name})`);
  await shot(page, 'request-statistics');
});
