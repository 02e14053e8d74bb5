// The annual report over HTTP on SQLite and PostgreSQL: the openness office's list with the statutory deadlines,
// a unit's report (tables 二, 三, 四 and the check), entered counts and texts through CSRF-protected forms, bad input
// refused in Chinese with nothing changed, the unit administrator limited to their unit, GET /api/v1/reports/annual
// (drafts for staff only, the frozen figures for everybody once published), publication into the 政府信息公开年报
// column, and the XLSX export read back with a ZIP parser.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, csrfToken, decodeEntities, login } from './lib/http.mjs';
import { unzip } from './lib/zip.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;

for (const backend of BACKENDS) {
  describe(`annual report [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, supervisor, unitadmin, eduId, civilId, rootId;
    const reportPath = (unit, year = YEAR) => `/console/reports/annual?unit=${unit}&year=${year}`;

    async function postForm(client, unit, action, fields, year = YEAR) {
      const page = await client.get(reportPath(unit, year));
      assert.equal(page.status, 200, text(page.text).slice(0, 400));
      const version = (page.text.match(/name="version" value="(\d+)"/) || [])[1] ?? '0';
      return client.post(action, { _csrf: csrfToken(page.text), unit: String(unit), year: String(year), version, ...fields });
    }

    before(async () => {
      env = await Env.create(backend, 'oversight');
      server = await env.start();
      supervisor = await login(server.base, 'supervisor', env.accounts.supervisor);
      unitadmin = await login(server.base, 'unitadmin', env.accounts.unitadmin);
      const units = (await new Client(server.base).get('/api/v1/units')).json().items;
      eduId = units.find((u) => u.name === '区教育局').id;
      civilId = units.find((u) => u.name === '区民政局').id;
      rootId = units.find((u) => u.kind === 'government').id;
    });
    after(() => env?.close());

    test('the office sees every unit with its statutory deadline', async () => {
      const r = await supervisor.get(`/console/reports?year=${YEAR}`);
      assert.equal(r.status, 200);
      const t = text(r.text);
      assert.match(t, new RegExp(`区教育局 \\S+ ${YEAR + 1}-01-31`));
      assert.match(t, new RegExp(`全区 \\S+ ${YEAR + 1}-03-31`));
      // A unit administrator is sent to their own unit's report.
      const u = await unitadmin.get(`/console/reports?year=${YEAR}`);
      assert.equal(u.status, 303);
      assert.equal(u.headers.get('location'), reportPath(eduId));
    });

    test('a unit report shows tables 二, 三, 四 with the official labels and the check', async () => {
      const r = await unitadmin.get(reportPath(eduId));
      assert.equal(r.status, 200);
      const t = text(r.text);
      for (const label of ['本年制发件数', '行政规范性文件', '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量',
        '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（三）不予公开 3.危及“三安全一稳定”', '（七）总计',
        '四、结转下年度继续办理', '未经复议直接起诉', '复议后起诉', '尚未审结']) {
        assert.ok(t.includes(label), `missing ${label}`);
      }
      assert.match(t, /各栏校验均成立/);
      assert.match(t, new RegExp(`法定期限：${YEAR + 1}-01-31`));
      // Another unit's report is not for this administrator.
      assert.equal((await unitadmin.get(reportPath(civilId))).status, 403);
    });

    test('entered counts: bad input refused in Chinese with nothing changed; exact 万元', async () => {
      const bad = await postForm(unitadmin, eduId, '/console/reports/annual/counts', { licensing: '12', penalty: '3', coercion: '0', fees: '1.2.3' });
      assert.equal(bad.status, 422);
      assert.match(text(bad.text), /金额应为以万元为单位的非负数/);
      const neg = await postForm(unitadmin, eduId, '/console/reports/annual/counts', { licensing: '-4', penalty: '', coercion: '', fees: '' });
      assert.equal(neg.status, 422);
      assert.match(text(neg.text), /非负整数/);
      let api = (await unitadmin.get(`/api/v1/reports/annual?unit=${eduId}&year=${YEAR}`)).json();
      const before = api.table2;
      assert.notEqual(before.licensing, 12);
      const noCsrf = await unitadmin.post('/console/reports/annual/counts', { unit: String(eduId), year: String(YEAR), licensing: '12' });
      assert.equal(noCsrf.status, 403);
      const ok = await postForm(unitadmin, eduId, '/console/reports/annual/counts', { licensing: '12', penalty: '3', coercion: '0', fees: '0.1' });
      assert.equal(ok.status, 303);
      await postForm(supervisor, civilId, '/console/reports/annual/counts', { licensing: '1', penalty: '0', coercion: '0', fees: '0.2' });
      api = (await unitadmin.get(`/api/v1/reports/annual?unit=${eduId}&year=${YEAR}`)).json();
      assert.equal(api.table2.licensing, 12);
      assert.equal(api.table2.fees_wanyuan, '0.1');
      // The district sums its units exactly (no binary floating point: 0.1 + 0.2 = 0.3).
      const district = (await supervisor.get(`/api/v1/reports/annual?unit=${rootId}&year=${YEAR}`)).json();
      assert.equal(district.district, true);
      assert.ok(/^\d+(\.\d+)?$/.test(district.table2.fees_wanyuan));
    });

    test('API: bad parameters and drafts hidden from visitors', async () => {
      const visitor = new Client(server.base);
      let r = await visitor.get(`/api/v1/reports/annual?unit=${eduId}&year=${YEAR}`);
      assert.equal(r.status, 404);
      assert.match(r.json().error.message, /尚未发布/);
      r = await visitor.get(`/api/v1/reports/annual?unit=abc&year=${YEAR}`);
      assert.equal(r.status, 400);
      assert.equal(r.json().error.code, 'invalid_unit');
      r = await visitor.get(`/api/v1/reports/annual?unit=${eduId}&year=x`);
      assert.equal(r.status, 400);
      r = await supervisor.get(`/api/v1/reports/annual?unit=${eduId}&year=1999`);
      assert.equal(r.status, 422);
      assert.equal(r.json().error.code, 'invalid_year');
      r = await supervisor.get(`/api/v1/reports/annual?unit=99999999&year=${YEAR}`);
      assert.equal(r.status, 422);
      assert.equal(r.json().error.code, 'invalid_unit');
      const body = (await supervisor.get(`/api/v1/reports/annual?unit=${eduId}&year=${YEAR}`)).json();
      assert.equal(body.table3.rows.length, 26);
      assert.equal(body.table3.columns.length, 7);
      assert.equal(body.table3.check.length, 7);
    });

    test('XLSX export opens and holds the official rows', async () => {
      const r = await fetch(server.base + `/console/reports/annual.xlsx?unit=${eduId}&year=${YEAR}`, { headers: { cookie: unitadmin.cookieHeader() } });
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type'), /spreadsheetml/);
      assert.match(r.headers.get('content-disposition'), /attachment/);
      const files = unzip(Buffer.from(await r.arrayBuffer()));
      assert.ok(files.has('xl/workbook.xml'));
      const strings = files.get('xl/sharedStrings.xml').toString('utf8');
      for (const s of ['一、本年新收政府信息公开申请数量', '法人或其他组织', '复议后起诉', '本年收费金额（单位：万元）', '0.1']) {
        assert.ok(strings.includes(s), `xlsx lacks ${s}`);
      }
      const sheet = files.get('xl/worksheets/sheet1.xml').toString('utf8');
      assert.match(sheet, /<mergeCell /);
    });

    test('PDF export lays out sections 一 to 六 and tables 二, 三 and 四 with the official labels', async () => {
      const r = await fetch(server.base + `/console/reports/annual.pdf?unit=${eduId}&year=${YEAR}`, { headers: { cookie: unitadmin.cookieHeader() } });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/pdf');
      assert.match(r.headers.get('content-disposition'), /attachment/);
      const bytes = Buffer.from(await r.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const dir = mkdtempSync(path.join(tmpdir(), 'gk-report-'));
      try {
        writeFileSync(path.join(dir, 'report.pdf'), bytes);
        const pdfText = execFileSync('pdftotext', [path.join(dir, 'report.pdf'), '-']).toString('utf8').replace(/\s+/g, '');
        for (const s of ['年政府信息公开工作年度报告', '一、总体情况', '二、主动公开政府信息情况', '行政规范性文件',
          '三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量', '四、结转下年度继续办理',
          '四、政府信息公开行政复议、行政诉讼情况', '复议后起诉', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
          assert.ok(pdfText.includes(s), `pdf lacks ${s}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const other = await fetch(server.base + `/console/reports/annual.pdf?unit=x&year=${YEAR}`, { headers: { cookie: unitadmin.cookieHeader() } });
      assert.equal(other.status, 404);
    });

    test('indicators: the dashboard, drill-down from an overdue figure to the request, CSV, bad input, scope', async () => {
      const dash = await supervisor.get('/console/oversight');
      assert.equal(dash.status, 200);
      const t = text(dash.text);
      for (const s of ['指标说明', '20个工作日内公开率', '超期未答复', '考核得分', '全区']) assert.ok(t.includes(s), `missing ${s}`);
      // Make one open request overdue (its current due date yesterday), as the clock would after 20 working days.
      const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
      const upd = await env.db.sql(`UPDATE requests SET due_on = '${yesterday}' WHERE id = (SELECT MIN(id) FROM requests WHERE state NOT IN ('replied', 'deemed_withdrawn', 'closed_duplicate', 'archived'))`);
      assert.equal(upd.code, 0, upd.stderr);
      const again = await supervisor.get('/console/oversight');
      const m = again.text.match(/<a href="([^"]+indicator=requests_overdue[^"]+)" aria-label="超期未答复：[^"]*全区[^"]*"|<a href="([^"]+unit=\d+&amp;indicator=requests_overdue[^"]+)"/);
      assert.ok(m, 'no overdue link on the dashboard');
      const href = decodeEntities(m[1] || m[2]);
      const records = await supervisor.get(href);
      assert.equal(records.status, 200);
      assert.match(text(records.text), /超期未答复/);
      const req = records.text.match(/href="\/console\/requests\/(\d+)"/);
      assert.ok(req, 'the overdue request is linked');
      assert.equal((await supervisor.get(`/console/requests/${req[1]}`)).status, 200);
      // CSV export.
      const csv = await supervisor.get('/console/oversight.csv');
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /text\/csv/);
      assert.ok(csv.text.includes('单位,主动公开信息数'));
      // The charts' figures: the trend (one row per month of the default period, the district's) and the ranking,
      // as data-chart JSON for /static/js/charts.js, which the server serves; the same numbers in the trend table.
      const chart = again.text.match(/<div class="chart" data-chart="([^"]+)"/);
      assert.ok(chart, 'no trend chart');
      const spec = JSON.parse(decodeEntities(chart[1]));
      assert.equal(spec.kind, 'line');
      assert.equal(spec.series.length, 4);
      assert.equal(spec.categories.length, (again.text.match(/<table id="trend">[\s\S]*?<\/table>/)[0].match(/<tr><th scope="row">/g) || []).length);
      const received = spec.series.find((x) => x.name === '收到申请').values.reduce((a, b) => a + b, 0);
      assert.ok(received >= 1, 'the demo requests show in the trend');
      const ranking = again.text.match(/<div class="chart chart-bars" data-chart="([^"]+)"/);
      assert.ok(ranking, 'no unit comparison');
      assert.ok(JSON.parse(decodeEntities(ranking[1])).categories.includes('区教育局'));
      const js = await supervisor.get('/static/js/charts.js');
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type'), /javascript/);
      assert.ok(js.text.length > 100_000, 'the ECharts bundle is built in');
      // XLSX export of the same figures.
      const xr = await fetch(server.base + '/console/oversight.xlsx', { headers: { cookie: supervisor.cookieHeader() } });
      assert.equal(xr.status, 200);
      assert.match(xr.headers.get('content-type'), /spreadsheetml/);
      const book = unzip(Buffer.from(await xr.arrayBuffer()));
      const names = book.get('xl/workbook.xml').toString('utf8');
      for (const n of ['指标', '趋势', '指标说明']) assert.ok(names.includes(`name="${n}"`), `xlsx lacks sheet ${n}`);
      assert.ok(book.get('xl/sharedStrings.xml').toString('utf8').includes('区教育局'));
      const anon = await fetch(server.base + '/console/oversight.xlsx', { redirect: 'manual' });
      assert.ok([302, 303].includes(anon.status), `signed out: sent to the login page, not the export (${anon.status})`);
      // Bad input: a clear Chinese error, no 500.
      let bad = await supervisor.get('/console/oversight?from=2026-13-01');
      assert.equal(bad.status, 422);
      assert.match(text(bad.text), /起始日期应为/);
      bad = await supervisor.get('/console/oversight?from=2026-05-01&to=2026-01-01');
      assert.equal(bad.status, 422);
      assert.match(text(bad.text), /起始日期不能晚于截止日期/);
      assert.equal((await supervisor.get(`/console/oversight/records?unit=${eduId}&indicator=nonsense`)).status, 404);
      // 公开时限: an entry that must be updated every month, whose only document is from today, is late two months on
      // (and not today).
      const entry = await env.db.sql(`UPDATE catalogue_entries SET time_limit = '每月' WHERE id = (SELECT MIN(e.catalogue_entry_id) FROM editions e JOIN documents d ON d.id = e.document_id WHERE d.unit_id = ${eduId} AND d.state = 'published' AND e.edition_no = d.published_edition)`);
      assert.equal(entry.code, 0, entry.stderr);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const later = new Date(Date.now() + 8 * 3600_000 + 60 * 86_400_000).toISOString().slice(0, 10);
      let late = await supervisor.get(`/console/oversight/records?unit=${eduId}&indicator=catalogue_late&from=${today}&to=${later}`);
      assert.equal(late.status, 200);
      assert.match(text(late.text), /时限：每月/);
      late = await supervisor.get(`/console/oversight/records?unit=${eduId}&indicator=catalogue_late&from=${today}&to=${today}`);
      assert.equal(late.status, 200);
      assert.doesNotMatch(text(late.text), /时限：每月/);
      // A unit administrator sees only their unit.
      const own = await unitadmin.get('/console/oversight');
      assert.equal(own.status, 200);
      assert.ok(!text(own.text).includes('全区 '), 'no district row for a unit administrator');
      assert.ok(text(own.text).includes('区教育局'));
      assert.equal((await unitadmin.get(`/console/oversight/records?unit=${civilId}&indicator=published`)).status, 403);
    });

    test('inspections: the office opens one and records a finding; the unit answers its notice; bad input refused', async () => {
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const later = new Date(Date.now() + 8 * 3600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
      let page = await supervisor.get('/console/inspections');
      assert.equal(page.status, 200);
      const form = { _csrf: csrfToken(page.text), title: '上半年政务公开检查', scope: '网站栏目', period_from: `${YEAR + 1}-01-01`,
        period_to: today, due_on: later };
      const noUnits = await supervisor.post('/console/inspections', form);
      assert.equal(noUnits.status, 422);
      assert.match(text(noUnits.text), /请至少选择一个被检查单位/);
      assert.equal((await unitadmin.post('/console/inspections', { ...form, _csrf: csrfToken((await unitadmin.get('/console/inspections')).text), unit_ids: String(eduId) })).status, 403);
      const opened = await supervisor.post('/console/inspections', new URLSearchParams([...Object.entries(form), ['unit_ids', String(eduId)], ['unit_ids', String(civilId)]]));
      assert.equal(opened.status, 303, text(opened.text).slice(0, 300));
      const url = opened.headers.get('location');
      page = await supervisor.get(url);
      const badEvidence = await supervisor.post(`${url}/findings`, { _csrf: csrfToken(page.text), unit_id: String(eduId), description: '栏目长期未更新', evidence: 'https://evil.example/' });
      assert.equal(badEvidence.status, 422);
      assert.match(text(badEvidence.text), /证据链接应为本站页面地址/);
      const added = await supervisor.post(`${url}/findings`, { _csrf: csrfToken(page.text), unit_id: String(eduId), description: '栏目长期未更新',
        evidence: `/console/oversight/records?unit=${eduId}&indicator=published` });
      assert.equal(added.status, 303);
      page = await supervisor.get(url);
      const fid = page.text.match(/findings\/(\d+)"/)[1];
      const notify = await supervisor.post(`${url}/findings/${fid}`, { _csrf: csrfToken(page.text), action: 'notify', version: '1', date: later });
      assert.equal(notify.status, 303);
      // The unit's administrator answers; the other unit's page does not show the finding.
      const unitPage = await unitadmin.get(url);
      assert.equal(unitPage.status, 200);
      assert.match(text(unitPage.text), /答复整改通知/);
      const answered = await unitadmin.post(`${url}/findings/${fid}`, { _csrf: csrfToken(unitPage.text), action: 'answer', version: '2', text: '已更新栏目并建立提醒。' });
      assert.equal(answered.status, 303);
      page = await supervisor.get(url);
      assert.match(text(page.text), /单位已答复/);
      const closed = await supervisor.post(`${url}/findings/${fid}`, { _csrf: csrfToken(page.text), action: 'close', version: '3', text: '' });
      assert.equal(closed.status, 303);
      assert.match(text((await supervisor.get(url)).text), /已销号/);
      const stale = await supervisor.post(`${url}/findings/${fid}`, { _csrf: csrfToken(page.text), action: 'close', version: '3' });
      assert.equal(stale.status, 422);
      assert.equal((await supervisor.post(`${url}/findings/${fid}`, { _csrf: csrfToken(page.text), action: 'explode', version: '4' })).status, 400);
    });

    test('publish: only the office; into the 年报 column; frozen afterwards; the API then serves visitors', async () => {
      const saved = await postForm(unitadmin, eduId, '/console/reports/annual/texts', {
        section1: '本年度，区教育局认真贯彻条例。', section5: '个别栏目更新不及时。', section6: '本年度未收取信息处理费。' });
      assert.equal(saved.status, 303);
      // Not the unit administrator's to publish.
      const refused = await postForm(unitadmin, eduId, '/console/reports/annual/publish', {});
      assert.equal(refused.status, 403);
      // request_appeals comes with the requests capability's migration 0011; until this branch has it, publication
      // is refused with the reason, and the fixture then creates exactly its columns.
      const figures = (await supervisor.get(`/api/v1/reports/annual?unit=${eduId}&year=${YEAR}`)).json();
      if (!figures.table4.available) {
        assert.equal(figures.publishable, false);
        const missing = await postForm(supervisor, eduId, '/console/reports/annual/publish', {});
        assert.equal(missing.status, 422);
        assert.match(text(missing.text), /复议诉讼记录表尚未建立/);
        const id = backend === 'postgresql' ? 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
        const r = await env.db.sql(`CREATE TABLE request_appeals (id ${id}, request_id BIGINT NOT NULL REFERENCES requests(id),
          kind TEXT NOT NULL, after_review INTEGER NOT NULL DEFAULT 0, filed_on TEXT NOT NULL, authority TEXT NOT NULL,
          result TEXT NOT NULL DEFAULT 'pending', decided_on TEXT, note TEXT NOT NULL DEFAULT '',
          created_by BIGINT REFERENCES users(id), created_at TEXT NOT NULL)`);
        assert.equal(r.code, 0, r.stderr);
      }
      const pub = await postForm(supervisor, eduId, '/console/reports/annual/publish', {});
      assert.equal(pub.status, 303, text(pub.text).slice(0, 600));
      const page = await supervisor.get(reportPath(eduId));
      assert.match(text(page.text), /已发布/);
      const docId = page.text.match(/href="\/documents\/(\d+)"/)[1];
      const visitor = new Client(server.base);
      const column = await visitor.get('/columns/annual-reports');
      assert.equal(column.status, 200);
      assert.ok(text(column.text).includes(`区教育局${YEAR}年政府信息公开工作年度报告`));
      const doc = await visitor.get(`/documents/${docId}`);
      assert.equal(doc.status, 200);
      assert.ok(text(doc.text).includes('本年新收政府信息公开申请数量'));
      const api = await visitor.get(`/api/v1/reports/annual?unit=${eduId}&year=${YEAR}`);
      assert.equal(api.status, 200);
      assert.equal(api.json().table2.licensing, 12);
      // Frozen: the counts and the texts are refused.
      const again = await postForm(supervisor, eduId, '/console/reports/annual/counts', { licensing: '99', penalty: '', coercion: '', fees: '' });
      assert.equal(again.status, 422);
      assert.match(text(again.text), /已发布，内容已冻结/);
      assert.equal((await visitor.get(`/api/v1/reports/annual?unit=${eduId}&year=${YEAR}`)).json().table2.licensing, 12);
    });
  });
}
