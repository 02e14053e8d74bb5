// Staff work in the console: a supervisor signs in, edits a unit, sees the change on the public page and in the audit
// log; bad input is explained in Chinese next to the form with what was typed kept; and all of it works with
// JavaScript switched off. Every page visited is checked with axe-core. This suite runs on PostgreSQL when
// GONGKAI_TEST_PG_URL names a cluster (scripts/test.sh starts one), the public suite on SQLite, so the browser tests
// cover both backends without running everything twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, startServer, launchBrowser, newContext, expectPageBasics, login, password, shot } from './support.mjs';

let server, browser, context, page;
let editUrl, publicUrl, oldPhone, oldAddress;
const NEW_PHONE = '0571-86999888';
const NEW_FUNCTION = '负责全区学前教育发展规划和幼儿园监督管理。';
const CJK = /[\u4e00-\u9fff]/;

before(async () => {
  server = await startServer({ backend: 'postgresql' });
  browser = await launchBrowser();
  context = await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Submits the form the locator belongs to by clicking its button, and returns the final response.
async function submit(button) {
  const [response] = await Promise.all([button.page().waitForNavigation(), button.click()]);
  return response;
}

test('the console asks for sign-in, then a supervisor gets in', async () => {
  await page.goto('/console');
  assert.match(page.url(), /\/login\?next=%2Fconsole$/);
  await login(page, 'supervisor');
  assert.match(page.url(), /\/console$/);
  await expectPageBasics(page, '/console');
  assert.equal(await page.locator('h1').innerText(), '工作台');
  assert.match(await page.locator('.user-box').innerText(), /林公开/);
  const nav = page.getByRole('navigation', { name: '工作台导航' });
  const links = await nav.getByRole('link').allInnerTexts();
  for (const name of ['工作台', '单位管理', '审计日志', '公众网站']) assert.ok(links.includes(name), `console nav has ${name}: ${links}`);
  await shot(page, 'console-home');
});

test('supervisor edits a unit; the public page and the audit log show the change', async () => {
  const nav = page.getByRole('navigation', { name: '工作台导航' });
  await nav.getByRole('link', { name: '单位管理' }).click();
  await page.waitForURL('**/console/units');
  await expectPageBasics(page, '/console/units');
  await shot(page, 'console-units');

  await page.getByRole('link', { name: '编辑区教育局' }).click();
  await page.waitForURL(/\/console\/units\/\d+\/edit$/);
  editUrl = new URL(page.url()).pathname;
  await expectPageBasics(page, 'unit edit form');
  assert.equal(await page.locator('h1').innerText(), '编辑单位');
  await shot(page, 'console-unit-form');

  oldPhone = await page.getByLabel('联系电话').inputValue();
  oldAddress = await page.getByLabel('办公地址').inputValue();
  assert.match(oldPhone, /^0571-8\d{7}$/);
  const functions = page.getByLabel('机构职能');
  const oldFunctions = await functions.inputValue();
  await page.getByLabel('联系电话').fill(NEW_PHONE);
  await functions.fill(`${oldFunctions}\n${NEW_FUNCTION}`);
  const saved = await submit(page.getByRole('button', { name: '保存' }));
  assert.equal(saved.status(), 200);
  assert.equal(new URL(page.url()).pathname, editUrl, 'back on the form after saving');
  assert.equal((await page.getByRole('status').innerText()).trim(), '已保存。');
  assert.equal(await page.getByLabel('联系电话').inputValue(), NEW_PHONE);
  assert.ok(await page.locator('#active').isChecked(), 'saving does not withdraw the unit');
  await expectPageBasics(page, 'unit edit form (saved)');
  await shot(page, 'console-unit-saved');

  await page.getByRole('link', { name: '查看公开页面' }).click();
  await page.waitForURL(/\/units\/\d+$/);
  publicUrl = new URL(page.url()).pathname;
  assert.match(await page.getByRole('region', { name: '联系方式' }).innerText(), new RegExp(`联系电话\\s*${NEW_PHONE}`));
  const paras = await page.getByRole('region', { name: '机构职能' }).locator('p').allInnerTexts();
  assert.equal(paras.at(-1), NEW_FUNCTION, 'each line of the functions is its own paragraph');
  assert.ok(await page.getByRole('link', { name: '编辑本单位信息' }).isVisible(), 'staff who may edit get a link back');

  // An anonymous visitor sees the change too.
  const visitor = await newContext(browser, server.base);
  try {
    const v = await visitor.newPage();
    await v.goto(publicUrl);
    assert.match(await v.locator('main').innerText(), new RegExp(NEW_PHONE));
    assert.doesNotMatch(await v.locator('main').innerText(), new RegExp(oldPhone));
  } finally {
    await visitor.close();
  }

  await page.goto('/console');
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '审计日志' }).click();
  await page.waitForURL('**/console/audit');
  await expectPageBasics(page, '/console/audit');
  const row = page.getByRole('row').filter({ hasText: '修改单位信息' }).filter({ hasText: '区教育局' }).first();
  const text = await row.innerText();
  assert.match(text, /林公开/);
  assert.match(text, /\d{4}-\d{2}-\d{2}/);
  const phoneChange = row.locator('.change').filter({ hasText: NEW_PHONE });
  // Before and after, each with a cue for screen readers (which often do not announce <del>/<ins>).
  assert.equal(await phoneChange.locator('del').textContent(), `原为${oldPhone}`, 'the value before');
  assert.equal(await phoneChange.locator('ins').textContent(), `改为${NEW_PHONE}`, 'the value after');
  assert.ok((await row.locator('.change').filter({ hasText: NEW_FUNCTION }).count()) === 1, 'functions change listed');
  await shot(page, 'audit', { fullPage: false });
  await row.screenshot({ path: `${SHOTS}/audit-entry.png` });
});

test('an invalid 统一社会信用代码 is explained in Chinese beside the form, with what was typed kept', async () => {
  await page.goto(editUrl);
  const typedAddress = '临江区政务中心路99号 教育大楼3楼';
  await page.getByLabel('统一社会信用代码').fill('91330100ABC');
  await page.getByLabel('办公地址').fill(typedAddress);
  const response = await submit(page.getByRole('button', { name: '保存' }));
  assert.equal(response.status(), 422);
  assert.equal(new URL(page.url()).pathname, editUrl.replace(/\/edit$/, ''));

  const alert = page.getByRole('alert');
  assert.match(await alert.innerText(), CJK, 'the summary is in Chinese');
  assert.match(await alert.innerText(), /统一社会信用代码|信用代码/);
  const field = page.getByLabel('统一社会信用代码');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  // The message sits next to the field and is tied to it for screen readers.
  const described = (await field.getAttribute('aria-describedby')).split(/\s+/);
  const inline = page.locator('.field-error');
  assert.equal(await inline.count(), 1, 'one inline message');
  const inlineId = await inline.getAttribute('id');
  assert.ok(described.includes(inlineId), `aria-describedby (${described}) names the inline message ${inlineId}`);
  assert.match(await inline.innerText(), CJK);
  const box = await page.locator('.field.has-error').boundingBox();
  const msg = await inline.boundingBox();
  assert.ok(msg.y >= box.y && msg.y + msg.height <= box.y + box.height + 1, 'the message is inside the field’s box');

  assert.equal(await field.inputValue(), '91330100ABC', 'typed code kept');
  assert.equal(await page.getByLabel('办公地址').inputValue(), typedAddress, 'other typed values kept');
  assert.equal(await page.getByLabel('联系电话').inputValue(), NEW_PHONE);
  await expectPageBasics(page, 'unit edit form (error)');
  await shot(page, 'console-unit-form-error');

  // Nothing was saved.
  await page.goto(publicUrl);
  assert.match(await page.locator('main').innerText(), new RegExp(oldAddress));
});

test('after a validation error the 单位正常运行 box keeps its state', async () => {
  await page.goto(editUrl);
  assert.ok(await page.locator('#active').isChecked());
  await page.getByLabel('邮政编码').first().fill('12');
  await submit(page.getByRole('button', { name: '保存' }));
  assert.ok(await page.locator('.field-error').isVisible());
  assert.ok(await page.locator('#active').isChecked(), 'the ticked box is still ticked');

  // Unticking it withdraws the unit from the public site; ticking it again brings it back.
  await page.goto(editUrl);
  await page.locator('#active').uncheck();
  await submit(page.getByRole('button', { name: '保存' }));
  assert.equal((await page.getByRole('status').innerText()).trim(), '已保存。');
  assert.equal(await page.locator('#active').isChecked(), false);
  assert.equal((await page.request.get(publicUrl)).status(), 404, 'a withdrawn unit has no public page');
  await page.locator('#active').check();
  await submit(page.getByRole('button', { name: '保存' }));
  assert.ok(await page.locator('#active').isChecked());
  assert.equal((await page.request.get(publicUrl)).status(), 200);
});

test('everything works with JavaScript switched off: sign in, edit, save, sign out', async () => {
  const nojs = await newContext(browser, server.base, { javaScriptEnabled: false });
  try {
    const p = await nojs.newPage();
    await p.goto('/login');
    await p.getByLabel('用户名').fill('unitadmin');
    await p.getByLabel('密码', { exact: true }).fill('wrong-password-1');
    let r = await submit(p.getByRole('button', { name: '登录' }));
    assert.equal(r.status(), 401);
    assert.match(await p.getByRole('alert').innerText(), /用户名或密码不正确/);
    assert.equal(await p.getByLabel('用户名').inputValue(), 'unitadmin', 'username kept after a failed sign-in');
    await p.getByLabel('密码', { exact: true }).fill(password('unitadmin'));
    r = await submit(p.getByRole('button', { name: '登录' }));
    assert.match(p.url(), /\/console$/);

    await p.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '单位管理' }).click();
    await p.waitForURL('**/console/units');
    // A unit administrator may edit only their own unit (and its sections).
    const editLinks = await p.getByRole('link', { name: /^编辑/ }).allInnerTexts();
    assert.ok(editLinks.length >= 1 && editLinks.length < 5, `unit admin edits few units (${editLinks.length})`);
    await p.getByRole('link', { name: '编辑区教育局' }).click();
    await p.waitForURL(/\/edit$/);
    await p.getByRole('group', { name: '联系方式' }).getByLabel('办公时间').fill('工作日 8:30—17:30（午间不休息）');
    r = await submit(p.getByRole('button', { name: '保存' }));
    assert.equal(r.status(), 200);
    assert.equal((await p.getByRole('status').innerText()).trim(), '已保存。');

    await p.goto(publicUrl);
    assert.match(await p.locator('main').innerText(), /午间不休息/);
    r = await submit(p.getByRole('button', { name: '退出' }));
    assert.equal(new URL(p.url()).pathname, '/');
    assert.equal((await p.getByRole('status').innerText()).trim(), '您已安全退出。');
    assert.ok(await p.getByRole('link', { name: '工作人员登录' }).isVisible());
  } finally {
    await nojs.close();
  }
});

test('server stayed healthy (no crash, no sanitizer report)', () => {
  server.assertHealthy();
});
