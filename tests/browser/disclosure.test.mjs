// 主动公开 in a browser: an editor drafts a document with a PDF attachment, is stopped by an ID number, masks it with
// one click and submits; a reviewer approves and publishes; a visitor finds it in its column with the full metadata
// table and downloads the attachment; the reviewer withdraws it and the visitor sees the reason at the same address.
// Every page is checked with axe-core. Runs on SQLite (the console suite covers PostgreSQL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launchBrowser, newContext, expectPageBasics, login, shot } from './support.mjs';

let server, browser, context, page, docUrl, pdfPath;
const TITLE = '临江区2026年秋季学期学生资助名单';

// A small, well-formed PDF with one line of text, its xref offsets computed.
function tinyPdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.base, { viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  pdfPath = join(tmpdir(), `gk-attachment-${process.pid}.pdf`);
  await writeFile(pdfPath, tinyPdf('Funding list 2026'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function submit(button) {
  const [response] = await Promise.all([button.page().waitForNavigation(), button.click()]);
  return response;
}

async function signInAs(username) {
  await context.clearCookies();
  await page.goto('/login');
  await login(page, username);
}

test('an editor drafts with an attachment, is stopped by an ID number, masks it and submits', async () => {
  await signInAs('editor');
  await page.goto('/console/documents/new');
  await expectPageBasics(page, 'new document form');
  await page.getByLabel('标题').fill(TITLE);
  await page.getByLabel('内容概述').fill('公示秋季学期家庭经济困难学生资助名单。');
  await page.getByLabel('正文').fill('| 姓名 | 学校 | 身份证号 |\n|---|---|---|\n| 王* | 临江实验小学 | 11010519491231002X |\n');
  await page.getByLabel('所属栏目').selectOption({ label: '法定主动公开内容 › 社会服务' });
  await page.getByLabel('文号', { exact: true }).fill('临教〔2026〕88号');
  await page.getByLabel('成文日期').fill('2026-11-20');
  await page.getByLabel('主题分类').selectOption({ label: '科技、教育' });
  await page.getByLabel('信息类别').selectOption({ label: '社会服务类' });
  const created = await submit(page.getByRole('button', { name: '保存草稿' }));
  assert.equal(created.status(), 200);
  assert.match(page.url(), /\/console\/documents\/\d+$/);
  const consoleUrl = new URL(page.url()).pathname;
  docUrl = consoleUrl.replace('/console', '');

  // The attachment.
  await page.getByLabel(/上传附件/).setInputFiles(pdfPath);
  await submit(page.getByRole('button', { name: '上传', exact: true }));
  assert.match(await page.locator('.notice').innerText(), /附件已上传/);
  assert.match(await page.locator('.attachment-list').innerText(), /gk-attachment-\d+\.pdf/);

  // Submitting is refused with the finding shown in place, masked.
  await submit(page.getByRole('button', { name: '保存并提交审核' }));
  assert.match(await page.getByRole('alert').first().innerText(), /未处理的个人信息（身份证号 1 处）/);
  const findings = page.locator('.findings');
  assert.match(await findings.innerText(), /110105\*\*\*\*\*\*\*\*002X/);
  await expectPageBasics(page, 'document blocked by the personal-data gate');
  await shot(page, 'disclosure-blocked');

  await submit(page.getByRole('button', { name: /一键遮盖/ }));
  assert.match(await page.locator('.notice').innerText(), /已遮盖 1 处个人信息/);
  assert.equal(await page.locator('.findings').count(), 0);
  await submit(page.getByRole('button', { name: '保存并提交审核' }));
  assert.match(await page.locator('.notice').innerText(), /已提交审核/);
  assert.match(await page.locator('.status-line').innerText(), /待审核/);
  await expectPageBasics(page, 'submitted document');
});

test('a reviewer approves and publishes', async () => {
  await signInAs('reviewer');
  await page.goto('/console/documents?view=review');
  await expectPageBasics(page, 'review queue');
  await page.getByRole('link', { name: TITLE }).click();
  await page.waitForURL(/\/console\/documents\/\d+$/);
  await expectPageBasics(page, 'document under review');
  await page.getByLabel('保密审查意见').fill('经保密审查，不涉及国家秘密和个人隐私，同意公开。');
  await submit(page.getByRole('button', { name: '审核通过' }));
  assert.match(await page.locator('.notice').innerText(), /审核通过/);
  await submit(page.getByRole('button', { name: '发布', exact: true }));
  assert.match(await page.locator('.notice').innerText(), /已发布/);
  await shot(page, 'disclosure-published-console');
});

test('a visitor finds it in its column, reads the full metadata table and downloads the attachment', async () => {
  await context.clearCookies();
  await page.goto('/columns');
  await expectPageBasics(page, 'columns');
  await page.getByRole('link', { name: '社会服务' }).first().click();
  await page.waitForURL('**/columns/services');
  await expectPageBasics(page, 'column page');
  await page.getByRole('link', { name: TITLE }).click();
  await page.waitForURL(`**${docUrl}`);
  await expectPageBasics(page, 'document page');
  const table = page.locator('table.meta-table');
  for (const label of ['索引号', '主题分类', '发布机构', '成文日期', '文号', '发布日期', '有效性', '主题词', '信息类别', '公开方式']) {
    assert.equal(await table.getByRole('rowheader', { name: label, exact: true }).count(), 1, `metadata row ${label}`);
  }
  const text = await table.innerText();
  assert.match(text, /[0-9A-Z]{18}\/\d{4}-\d{5}/);
  assert.match(text, /临教〔2026〕88号/);
  assert.match(text, /区教育局/);
  assert.match(text, /科技、教育/);
  assert.match(text, /有效/);
  assert.match(await page.locator('.doc-body').innerText(), /110105\*\*\*\*\*\*\*\*002X/);
  await shot(page, 'disclosure-document');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /gk-attachment-\d+\.pdf/ }).click()]);
  assert.match(download.suggestedFilename(), /^gk-attachment-\d+\.pdf$/);
  const saved = await download.path();
  const { readFile } = await import('node:fs/promises');
  assert.equal((await readFile(saved)).subarray(0, 5).toString(), '%PDF-');
});

test('withdrawn: the visitor sees the reason at the same address', async () => {
  await signInAs('reviewer');
  await page.goto(`/console${docUrl}`);
  await page.locator('summary', { hasText: '撤回或废止' }).click();
  await page.getByLabel('撤回理由（公开显示在原网址）').fill('名单有误，更正后重新公示。');
  await submit(page.getByRole('button', { name: '撤回', exact: true }));
  assert.match(await page.locator('.notice').innerText(), /已撤回/);

  await context.clearCookies();
  const res = await page.goto(docUrl);
  assert.equal(res.status(), 200);
  await expectPageBasics(page, 'withdrawn document');
  assert.match(await page.locator('.banner.warn').innerText(), /本信息已于 .* 撤回。\s*撤回理由：名单有误，更正后重新公示。/);
  assert.equal(await page.locator('.doc-body').count(), 0);
  assert.equal(await page.locator('table.meta-table').count(), 1, 'the metadata stays readable');
  await shot(page, 'disclosure-withdrawn');
});
