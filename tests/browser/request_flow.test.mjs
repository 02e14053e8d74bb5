// The whole 依申请公开 flow with its paperwork and e-mails, in the browser: a citizen applies online; the
// handler sends a 补正 notice (a numbered 补正告知书); the citizen supplements with the query code; the handler
// consults a third party (the due date moves, a 征求意见函 is issued), drafts a 部分公开 reply and attaches the
// released file; the openness office signs it off and sends it; the citizen reads the 告知书 on the tracking page and
// downloads its PDF (checked with pdftotext: number and outcome) and the file; the e-mails for every step arrive at
// an SMTP sink started here; the outbox page shows them. Every page is axe-clean and has no script. Runs on
// PostgreSQL when GONGKAI_TEST_PG_URL is set (scripts/test.sh sets it; requests.test.mjs covers SQLite), else SQLite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newContext, expectPageBasics, login, shot, visit } from './support.mjs';
import { SmtpSink } from '../integration/lib/smtp_sink.mjs';

let server, browser, sink, citizen, staff, number, code, caseUrl, noticeNo;
const EMAIL = 'sun.lihua@example.cn';
const NAME = '孙丽华';

function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const localDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

// A one-page PDF: the released file.
const RELEASED = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

before(async () => {
  sink = await SmtpSink.start();
  server = await startServer({
    backend: process.env.GONGKAI_TEST_PG_URL ? 'postgresql' : 'sqlite',
    serveArgs: ['--smtp-host', '127.0.0.1', '--smtp-port', String(sink.port), '--mail-from', 'noreply@linjiang.test',
      '--public-url', 'http://gk.linjiang.test'],
  });
  browser = await launchBrowser();
  citizen = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  staff = await (await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } })).newPage();
});

after(async () => {
  server?.assertHealthy();
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

async function submit(button) {
  const [response] = await Promise.all([button.page().waitForNavigation(), button.click()]);
  return response;
}

async function act(page, title, fill = async () => {}) {
  const card = page.locator('section.card', { has: page.getByRole('heading', { name: title, exact: true }) });
  await fill(card);
  const response = await submit(card.getByRole('button', { name: title, exact: true }));
  assert.equal(response.status(), 200, `${title}: ${response.status()}`);
  await expectPageBasics(page, `case page after ${title}`);
  assert.match(await page.locator('.notice').innerText(), new RegExp(`已办理：${title}`));
}

const dueOn = async (page) => (await page.locator('dd.due strong').innerText()).trim();

async function track() {
  await citizen.goto('/requests/track');
  await citizen.getByLabel('申请编号').fill(number);
  await citizen.getByLabel('查询码').fill(code);
  const response = await submit(citizen.getByRole('button', { name: '查询' }));
  assert.equal(response.status(), 200);
}

test('a citizen applies online and gets the acknowledgement by e-mail', async () => {
  await visit(citizen, '/requests/new', '/requests/new');
  await citizen.getByLabel('向哪个机关申请').selectOption({ label: '区人民政府办公室' });
  await citizen.getByLabel('姓名或单位名称').fill(NAME);
  await citizen.getByLabel('证件号码').fill(residentId('11010519850612002'));
  await citizen.getByLabel('电子邮箱').fill(EMAIL);
  await citizen.getByLabel('所需政府信息的名称或内容描述').fill('2025年本区背街小巷整治工程的施工合同和验收报告');
  await citizen.getByLabel('获取信息的方式').selectOption({ label: '电子邮件' });
  const response = await submit(citizen.getByRole('button', { name: '提交申请' }));
  assert.equal(response.status(), 201);
  await expectPageBasics(citizen, 'application submitted');
  const facts = await citizen.locator('dl.facts').innerText();
  number = facts.match(/\d{4}-[0-9A-Z]{8}/)[0];
  code = facts.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)[0];
  const [mail] = await sink.waitFor(() => { const m = sink.find(EMAIL, /已收到您的申请/); return m.length ? m : null; });
  assert.ok(mail.subject.includes(number));
  assert.ok(!mail.text.includes(NAME) && !mail.text.includes(code), 'no name and no query code in the mail');
});

test('the handler sends a 补正 notice, numbered and shown on the case page', async () => {
  await staff.goto('/login');
  await login(staff, 'handler');
  await staff.goto('/console/requests');
  await staff.getByRole('link', { name: number }).click();
  await staff.waitForURL(/\/console\/requests\/\d+$/);
  caseUrl = new URL(staff.url()).pathname;
  await act(staff, '拟发补正通知', async (card) => {
    await card.getByLabel('需要补正的内容（一次性告知）').fill('请写明工程所在的街道名称');
    await card.getByLabel('申请人补正期限').fill(localDate(10));
  });
  await act(staff, '发出补正通知');
  const paperwork = await staff.locator('#paperwork').innerText();
  assert.match(paperwork, /区人民政府办公室政府信息公开补正〔\d{4}〕\d+号/);
  await sink.waitFor(() => sink.find(EMAIL, /请补正申请/).length > 0);
});

test('the citizen reads the 补正告知书 and supplements with the query code', async () => {
  await track();
  await expectPageBasics(citizen, 'tracking page with the supplement notice');
  const main = await citizen.locator('main').innerText();
  assert.match(main, /政府信息公开申请补正告知书/);
  assert.match(main, /请写明工程所在的街道名称/);
  assert.doesNotMatch(main, new RegExp(NAME), 'no name on the tracking page');
  await citizen.getByLabel('补正内容').fill('和平街道');
  const response = await submit(citizen.getByRole('button', { name: '提交补正' }));
  assert.equal(response.status(), 200);
  await expectPageBasics(citizen, 'tracking page after supplement');
  await sink.waitFor(() => sink.find(EMAIL, /已收到补正材料/).length > 0);
});

test('the handler consults a third party (the due date moves), drafts a 部分公开 reply and attaches the file', async () => {
  await staff.goto(caseUrl);
  await act(staff, '受理');
  await act(staff, '分办');
  await act(staff, '开始办理');
  const before = await dueOn(staff);
  await act(staff, '征求意见', async (card) => {
    await card.getByLabel('征求对象名称').fill('临江市政建设有限公司');
  });
  const after = await dueOn(staff);
  assert.ok(after > before, `due date moves with the consultation: ${before} → ${after}`);
  assert.match(await staff.locator('#paperwork').innerText(), /征求意见〔\d{4}〕\d+号/);
  await sink.waitFor(() => sink.find(EMAIL, /征求意见，期限顺延/).length > 0);
  await act(staff, '收到意见', async (card) => {
    await card.getByLabel('意见内容').fill('合同单价涉及商业秘密，不同意公开；其余同意。');
  });
  await act(staff, '拟写答复', async (card) => {
    await card.getByLabel('答复类型（年度报告表三）').selectOption('partial');
    await card.getByLabel('答复内容').fill('施工合同中单价部分涉及第三方商业秘密，不予公开；合同其余部分和验收报告予以公开。');
  });
  // The draft notice is shown to staff with the reply, before it is numbered.
  const preview = await staff.locator('#reply-preview').innerText();
  assert.match(preview, /《中华人民共和国政府信息公开条例》第三十七条/);
  assert.match(preview, /行政复议/);
  await staff.getByLabel(/添加文件/).setInputFiles({ name: '背街小巷整治工程验收报告.pdf', mimeType: 'application/pdf', buffer: RELEASED });
  const response = await submit(staff.getByRole('button', { name: '上传文件' }));
  assert.equal(response.status(), 200);
  await expectPageBasics(staff, 'case page with the released file');
  assert.match(await staff.locator('#paperwork').innerText(), /背街小巷整治工程验收报告\.pdf/);
  await shot(staff, 'request-flow-case-draft');
});

test('the openness office signs off and sends the reply; the notice is numbered and frozen', async () => {
  await staff.locator('.user-box').getByRole('button', { name: '退出' }).click();
  await staff.waitForURL('**/');
  await staff.goto('/login');
  await login(staff, 'supervisor');
  await staff.goto(caseUrl);
  await act(staff, '审核通过答复');
  await act(staff, '发出答复');
  const paperwork = await staff.locator('#paperwork').innerText();
  noticeNo = paperwork.match(/区人民政府办公室政府信息公开答复〔\d{4}〕\d+号/)[0];
  assert.equal(await staff.getByRole('button', { name: '上传文件' }).count(), 0, 'no uploads after the reply');
  await visit(staff, '/console/notice-templates', 'notice templates');
  await visit(staff, '/console/notice-templates/reply.partial', 'notice template editor');
});

test('the citizen reads the 告知书, downloads its PDF and the released file', async () => {
  await track();
  await expectPageBasics(citizen, 'tracking page replied');
  const main = await citizen.locator('main').innerText();
  assert.ok(main.includes(noticeNo), 'the notice with its number');
  assert.match(main, /部分公开/);
  assert.doesNotMatch(main, new RegExp(NAME));
  await shot(citizen, 'request-flow-track-replied');

  const [pdf] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('button', { name: `下载 PDF：${noticeNo}` }).click()]);
  assert.equal(pdf.suggestedFilename(), `${noticeNo}.pdf`);
  const pdfText = execFileSync('pdftotext', [await pdf.path(), '-']).toString('utf8').replace(/\s+/g, '');
  assert.ok(pdfText.includes(noticeNo), `PDF names the notice number: ${pdfText.slice(0, 200)}`);
  assert.ok(pdfText.includes('部分公开'), 'PDF names the outcome');
  assert.ok(pdfText.includes('行政诉讼'), 'PDF tells the remedies');

  const [file] = await Promise.all([citizen.waitForEvent('download'),
    citizen.getByRole('button', { name: '下载 背街小巷整治工程验收报告.pdf' }).click()]);
  assert.deepEqual(readFileSync(await file.path()), RELEASED);
});

test('the e-mails for every step arrived; the outbox page lists them', async () => {
  const reply = await sink.waitFor(() => { const m = sink.find(EMAIL, /已作出答复/); return m.length ? m : null; });
  assert.match(reply[0].text, /告知书/);
  for (const re of [/已收到您的申请/, /请补正申请/, /已收到补正材料/, /：受理$/, /征求意见，期限顺延/, /已作出答复/]) {
    assert.ok(sink.find(EMAIL, re).length >= 1, `an e-mail matching ${re}`);
  }
  for (const m of sink.find(EMAIL)) {
    assert.ok(m.subject.includes(number));
    assert.ok(m.headers['message-id'] && m.headers.date, 'Message-ID and Date');
  }
  await visit(staff, '/console/outbox', 'outbox');
  assert.match(await staff.locator('main').innerText(), /已发送/);
  assert.doesNotMatch(await staff.locator('main').innerText(), new RegExp(EMAIL.replace('.', '\\.')), 'recipients are masked');
});
