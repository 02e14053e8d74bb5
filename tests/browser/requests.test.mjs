// 依申请公开 in the browser: a citizen applies online and keeps the number and query code; the handler sends a 补正
// notice; the citizen supplements with the query code; the handler consults a third party and drafts a 部分公开
// reply; the openness office signs it off; the handler sends it; the citizen reads it. Every page is checked with
// axe-core and carries no script. SQLite (the console suite covers PostgreSQL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newContext, expectPageBasics, login, shot } from './support.mjs';

let server, browser, citizen, staff, number, code, caseUrl;

function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const localDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  citizen = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } })).newPage();
  staff = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } })).newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function submit(button) {
  const [response] = await Promise.all([button.page().waitForNavigation(), button.click()]);
  return response;
}

// Takes one action on the staff case page by filling its card's fields.
async function act(page, title, fill = async () => {}) {
  const card = page.locator('section.card', { has: page.getByRole('heading', { name: title, exact: true }) });
  await fill(card);
  const response = await submit(card.getByRole('button', { name: title, exact: true }));
  assert.equal(response.status(), 200, `${title}: ${response.status()}`);
  await expectPageBasics(page, `case page after ${title}`);
  assert.match(await page.locator('.notice').innerText(), new RegExp(`已办理：${title}`));
}

test('a citizen applies online; a mistake is explained beside the field; the number and code are shown once', async () => {
  await citizen.goto('/');
  await citizen.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '依申请公开' }).click();
  await citizen.waitForURL('**/requests/new');
  await expectPageBasics(citizen, '/requests/new');
  await citizen.getByLabel('向哪个机关申请').selectOption({ label: '区人民政府办公室' });
  await citizen.getByLabel('姓名或单位名称').fill('周明远');
  await citizen.getByLabel('证件号码').fill('110105198003120041');
  await citizen.getByLabel('电子邮箱').fill('zhou@example.cn');
  await citizen.getByLabel('所需政府信息的名称或内容描述').fill('2025年本区老旧小区改造项目的实施方案');
  await citizen.getByLabel('获取信息的方式').selectOption({ label: '电子邮件' });
  let response = await submit(citizen.getByRole('button', { name: '提交申请' }));
  if (response.status() === 422) {
    // The made-up number may fail its check character: the error names the field and keeps the rest.
    await expectPageBasics(citizen, 'application form with an error');
    assert.equal(await citizen.getByLabel('证件号码').getAttribute('aria-invalid'), 'true');
    assert.equal(await citizen.getByLabel('姓名或单位名称').inputValue(), '周明远');
    await shot(citizen, 'requests-form-error');
    await citizen.getByLabel('证件号码').fill(residentId('11010519800312004'));
    response = await submit(citizen.getByRole('button', { name: '提交申请' }));
  }
  assert.equal(response.status(), 201);
  await expectPageBasics(citizen, 'application submitted');
  const facts = await citizen.locator('dl.facts').innerText();
  number = facts.match(/\d{4}-[0-9A-Z]{8}/)[0];
  code = facts.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)[0];
  await shot(citizen, 'requests-submitted');
});

test('the handler sends a supplement notice from the queue', async () => {
  await staff.goto('/login');
  await login(staff, 'handler');
  await staff.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '依申请公开' }).click();
  await staff.waitForURL('**/console/requests');
  await expectPageBasics(staff, '/console/requests');
  await staff.getByRole('link', { name: number }).click();
  await staff.waitForURL(/\/console\/requests\/\d+$/);
  caseUrl = new URL(staff.url()).pathname;
  await expectPageBasics(staff, 'case page');
  assert.match(await staff.locator('main').innerText(), /周明远/);
  await act(staff, '拟发补正通知', async (card) => {
    await card.getByLabel('需要补正的内容（一次性告知）').fill('请写明小区名称');
    await card.getByLabel('申请人补正期限').fill(localDate(10));
  });
  await act(staff, '发出补正通知');
  await shot(staff, 'requests-case-awaiting-supplement');
});

test('the citizen supplements with the query code', async () => {
  await citizen.goto('/requests/track');
  await expectPageBasics(citizen, '/requests/track');
  await citizen.getByLabel('申请编号').fill(number);
  await citizen.getByLabel('查询码').fill(code);
  let response = await submit(citizen.getByRole('button', { name: '查询' }));
  assert.equal(response.status(), 200);
  await expectPageBasics(citizen, 'tracking page awaiting supplement');
  assert.match(await citizen.locator('main').innerText(), /请写明小区名称/);
  assert.doesNotMatch(await citizen.locator('main').innerText(), /周明远/);
  await citizen.getByLabel('补正内容').fill('幸福里小区');
  response = await submit(citizen.getByRole('button', { name: '提交补正' }));
  assert.equal(response.status(), 200);
  await expectPageBasics(citizen, 'tracking page after supplement');
  assert.match(await citizen.locator('main').innerText(), /已补正/);
  await shot(citizen, 'requests-track-supplemented');
});

test('the handler consults a third party and drafts a partial reply; the supervisor signs off; the citizen reads it', async () => {
  await staff.goto(caseUrl);
  await act(staff, '受理');
  await act(staff, '分办');
  await act(staff, '开始办理');
  await act(staff, '征求意见', async (card) => {
    await card.getByLabel('征求对象名称').fill('临江物业管理有限公司');
  });
  assert.match(await staff.locator('main').innerText(), /征求第三方意见/);
  await act(staff, '收到意见', async (card) => {
    await card.getByLabel('意见内容').fill('同意公开');
  });
  await act(staff, '拟写答复', async (card) => {
    await card.getByLabel('答复类型（年度报告表三）').selectOption('partial');
    await card.getByLabel('答复内容').fill('经审查，您申请的信息部分公开。');
  });
  // Sign-off is the openness office's.
  assert.equal(await staff.getByRole('heading', { name: '审核通过答复', exact: true }).count(), 0);
  await staff.locator('.user-box').getByRole('button', { name: '退出' }).click();
  await staff.waitForURL('**/');
  await staff.goto('/login');
  await login(staff, 'supervisor');
  await staff.goto(caseUrl);
  await act(staff, '审核通过答复');
  await act(staff, '发出答复');
  await shot(staff, 'requests-case-replied');

  await citizen.goto('/requests/track');
  await citizen.getByLabel('申请编号').fill(number);
  await citizen.getByLabel('查询码').fill(code);
  await submit(citizen.getByRole('button', { name: '查询' }));
  await expectPageBasics(citizen, 'tracking page replied');
  const text = await citizen.locator('main').innerText();
  assert.match(text, /部分公开/);
  assert.match(text, /经审查，您申请的信息部分公开/);
  await shot(citizen, 'requests-track-replied');
});
