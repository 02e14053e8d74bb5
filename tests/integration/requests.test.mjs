// 依申请公开 over HTTP on SQLite and PostgreSQL: a citizen applies online (errors in Chinese keep what was typed),
// gets a number and a query code once, tracks the case; the handler works it from the queue (supplement notice,
// the citizen supplements with the code, consultation, reply drafted), sign-off is the supervisor's; forbidden
// transitions, stale versions, missing CSRF and other units are refused without changing anything; personal data
// never reaches public pages or the server log; wrong query codes are throttled.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { Client, csrfToken, decodeEntities, login } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

// GB 11643-1999 check character.
function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const ID = residentId('11010519800312004');
const NAME = '赵文静';

// Local (UTC+8) date, `days` from today.
const localDate = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const match = (html, re) => {
  const m = text(html).match(re);
  assert.ok(m, `no ${re} in page: ${text(html).slice(0, 800)}`);
  return m[1];
};

for (const backend of BACKENDS) {
  describe(`disclosure requests [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, handler, supervisor, editor, officeId, eduId;

    const application = (overrides = {}) => ({
      unit_id: String(officeId), applicant_type: 'natural_person', name: NAME, contact_person: '', id_type: 'resident_id',
      id_number: ID, phone: '13912345678', email: 'zhao@example.cn', address: '', postcode: '',
      description: '2025年本区老旧小区改造项目的实施方案和资金安排', doc_no: '', purpose: '', delivery: 'email', ...overrides,
    });

    async function apply(overrides = {}) {
      const citizen = new Client(server.base);
      const page = await citizen.get('/requests/new');
      assert.equal(page.status, 200);
      const r = await citizen.post('/requests', { _csrf: csrfToken(page.text), ...application(overrides) });
      assert.equal(r.status, 201, text(r.text).slice(0, 600));
      const number = match(r.text, /申请编号 (\d{4}-[0-9A-Z]{8})/);
      const code = match(r.text, /查询码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/);
      return { citizen, number, code, page: r };
    }

    async function track(client, number, code) {
      const page = await client.get('/requests/track');
      return client.post('/requests/track', { _csrf: csrfToken(page.text), number, code });
    }

    async function caseId(staff, number) {
      const q = await staff.get('/console/requests');
      assert.equal(q.status, 200);
      const m = q.text.match(new RegExp(`href="/console/requests/(\\d+)">${number}<`));
      assert.ok(m, `${number} not in the queue`);
      return m[1];
    }

    // Posts one action from the case page with the page's CSRF token and version.
    async function act(staff, id, action, fields = {}, { expect = 303 } = {}) {
      const page = await staff.get(`/console/requests/${id}`);
      assert.equal(page.status, 200, text(page.text).slice(0, 300));
      const version = (page.text.match(/name="version" value="(\d+)"/) || [])[1] ?? '1';
      const r = await staff.post(`/console/requests/${id}/act`, { _csrf: csrfToken(page.text), action, version, ...fields });
      assert.equal(r.status, expect, `${action}: ${text(r.text).slice(0, 600)}`);
      return r;
    }

    const state = async (staff, id) => match((await staff.get(`/console/requests/${id}`)).text, /办理状态 (\S+)/);

    before(async () => {
      env = await Env.create(backend, 'requests');
      server = await env.start();
      handler = await login(server.base, 'handler', env.accounts.handler);
      supervisor = await login(server.base, 'supervisor', env.accounts.supervisor);
      editor = await login(server.base, 'editor', env.accounts.editor);
      const units = (await new Client(server.base).get('/api/v1/units')).json().items;
      officeId = units.find((u) => u.name === '区人民政府办公室').id;
      eduId = units.find((u) => u.name === '区教育局').id;
    });
    after(() => env?.close());

    test('the form refuses bad input in Chinese, keeps what was typed and creates nothing', async () => {
      const before = (await supervisor.get('/api/v1/requests?all=1')).json().count;
      const citizen = new Client(server.base);
      const page = await citizen.get('/requests/new');
      assert.equal(page.status, 200);
      assert.match(text(page.text), /一事一申请/);
      const bad = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
      const r = await citizen.post('/requests', { _csrf: csrfToken(page.text), ...application({ id_number: bad, description: '老旧小区改造项目的实施方案<b>重点</b>' }) });
      assert.equal(r.status, 422);
      assert.match(text(r.text), /校验/);
      assert.match(r.text, /aria-invalid="true"/);
      assert.ok(r.text.includes('老旧小区改造项目的实施方案&lt;b&gt;重点&lt;/b&gt;'), 'description kept, escaped');
      assert.ok(r.text.includes(`value="${NAME}"`), 'name kept');
      const noContact = await citizen.post('/requests', { _csrf: csrfToken(page.text), ...application({ phone: '', email: '', delivery: 'online' }) });
      assert.equal(noContact.status, 422);
      assert.match(text(noContact.text), /至少填写一种联系方式/);
      const noCsrf = await citizen.post('/requests', application());
      assert.equal(noCsrf.status, 403);
      assert.equal((await supervisor.get('/api/v1/requests?all=1')).json().count, before);
    });

    test('citizen → handler → citizen: supplement with the query code, consultation, reply; sign-off by the supervisor', async () => {
      const { citizen, number, code, page } = await apply();
      assert.match(text(page.text), /只显示这一次/);

      // The citizen sees the status and the due date with its explanation, without personal data.
      let t = await track(citizen, number, code);
      assert.equal(t.status, 200);
      assert.match(text(t.text), /已登记/);
      assert.match(text(t.text), /答复期限 \d{4}-\d{2}-\d{2}/);
      assert.match(text(t.text), /网上提交/);
      assert.ok(!t.text.includes(NAME) && !t.text.includes(ID) && !t.text.includes('13912345678'), 'no personal data on the public page');
      assert.match(t.header('cache-control'), /no-store/);

      // The handler sees it in the queue, with the applicant's data on the case page.
      const id = await caseId(handler, number);
      const casePage = await handler.get(`/console/requests/${id}`);
      assert.ok(casePage.text.includes(NAME) && casePage.text.includes(ID));
      assert.match(text(casePage.text), /期限计算过程/);

      await act(handler, id, 'request_supplement', { text: '请写明所需方案涉及的小区名称', due: localDate(10) });
      await act(handler, id, 'send_supplement_notice', { date: '' });
      assert.equal(await state(handler, id), '等待补正');

      t = await track(citizen, number, code);
      assert.match(text(t.text), /请写明所需方案涉及的小区名称/);
      const form = t.text.match(/<form method="post" action="\/requests\/track\/supplement"[\s\S]*?<\/form>/)[0];
      const empty = await citizen.post('/requests/track/supplement', { _csrf: csrfToken(form), number, code, supplement: '  ' });
      assert.equal(empty.status, 422);
      assert.match(text(empty.text), /请填写补正内容/);
      const s = await citizen.post('/requests/track/supplement', { _csrf: csrfToken(form), number, code, supplement: '幸福里小区、和平路小区' });
      assert.equal(s.status, 200, text(s.text).slice(0, 400));
      assert.match(text(s.text), /已补正/);
      assert.match(text(s.text), /重新计算/);
      assert.match(text((await handler.get(`/console/requests/${id}`)).text), /幸福里小区/);

      await act(handler, id, 'accept');
      const assignPage = await handler.get(`/console/requests/${id}`);
      const assignee = assignPage.text.match(/name="assignee_id"><option value="(\d+)"/)[1];
      await act(handler, id, 'assign', { assignee_id: assignee });
      await act(handler, id, 'start_work');
      await act(handler, id, 'consult', { kind: 'third_party', party: '临江物业管理有限公司', date: '' });
      assert.match(await state(handler, id), /征求意见中/);
      t = await track(citizen, number, code);
      assert.match(text(t.text), /征求第三方意见/);
      assert.ok(!t.text.includes('临江物业管理有限公司'), 'the third party is not named to the applicant');
      await act(handler, id, 'receive_opinion', { text: '同意公开', date: '' });
      // Internal notes stay inside.
      const notePage = await handler.get(`/console/requests/${id}`);
      const n = await handler.post(`/console/requests/${id}/notes`, { _csrf: csrfToken(notePage.text), body: '内部备注：申请人来电催办' });
      assert.equal(n.status, 303);
      await act(handler, id, 'draft_reply', { outcome: 'partial', text: '经审查，您申请的信息部分公开，详见附件说明。' });

      // Sign-off is the openness office's: the handler is refused and nothing changes.
      const refused = await act(handler, id, 'approve_reply', {}, { expect: 403 });
      assert.match(text(refused.text), /政务公开办/);
      assert.equal(await state(handler, id), '答复已拟稿');
      await act(supervisor, id, 'approve_reply');
      await act(handler, id, 'send_reply', { date: '' });
      assert.equal(await state(handler, id), '已答复');

      t = await track(citizen, number, code);
      assert.match(text(t.text), /部分公开/);
      assert.match(text(t.text), /详见附件说明/);
      assert.match(text(t.text), /行政复议/);
      assert.ok(!t.text.includes('内部备注'), 'internal note not shown to the applicant');

      // The audit log has the transitions.
      const audit = await supervisor.get(`/console/audit?entity_type=request&entity_id=${id}`);
      assert.equal(audit.status, 200);
      assert.match(text(audit.text), /审核通过答复/);
      assert.match(text(audit.text), /发出答复/);
      // Personal data never in the server's log.
      assert.ok(!server.log.includes(ID) && !server.log.includes(NAME), 'no personal data in the log');
    });

    test('forbidden transitions, stale versions, other units and missing CSRF change nothing', async () => {
      const { number } = await apply({ description: '2024年本区道路养护合同及验收报告全文' });
      const id = await caseId(handler, number);
      const wrong = await act(handler, id, 'archive', {}, { expect: 422 });
      assert.match(text(wrong.text), /不能执行“归档”/);
      const page = await handler.get(`/console/requests/${id}`);
      const stale = await handler.post(`/console/requests/${id}/act`, { _csrf: csrfToken(page.text), action: 'accept', version: '99' });
      assert.equal(stale.status, 409);
      const noCsrf = await handler.post(`/console/requests/${id}/act`, { action: 'accept', version: '1' });
      assert.equal(noCsrf.status, 403);
      const unknown = await handler.post(`/console/requests/${id}/act`, { _csrf: csrfToken(page.text), action: 'teleport', version: '1' });
      assert.equal(unknown.status, 400);
      assert.equal(await state(handler, id), '已登记');
      // Reassignment without a reason is refused on the form with the message.
      await act(handler, id, 'accept');
      // An editor of another unit can neither see nor act; anonymous visitors are sent to sign in.
      assert.equal((await editor.get(`/console/requests/${id}`)).status, 403);
      const ep = await editor.get('/console');
      const r = await editor.post(`/console/requests/${id}/act`, { _csrf: csrfToken(ep.text), action: 'assign', version: '2' });
      assert.equal(r.status, 403);
      assert.equal((await editor.get('/console/requests')).status, 403);
      assert.equal((await new Client(server.base).get(`/console/requests/${id}`)).status, 303);
      assert.equal((await new Client(server.base).get('/api/v1/requests')).status, 401);
      // Applications for another unit do not appear in this handler's queue (the supervisor sees all).
      const other = await apply({ unit_id: String(eduId), description: '区教育局2025年校车采购合同' });
      const mine = (await handler.get('/api/v1/requests')).json();
      assert.ok(!mine.items.some((i) => i.number === other.number));
      const all = (await supervisor.get('/api/v1/requests')).json();
      assert.ok(all.items.some((i) => i.number === other.number));
      assert.equal(await state(handler, id), '已受理');
    });

    test('staff enter a postal application with the Art. 31 receipt date; duplicates are flagged', async () => {
      const page = await handler.get('/console/requests/new');
      assert.equal(page.status, 200);
      assert.match(text(page.text), /签收/);
      const fields = { _csrf: csrfToken(page.text), channel: 'post', received_on: localDate(-3), ...application({ description: '请提供2025年本区老旧小区改造项目的实施方案和资金安排' }) };
      const future = await handler.post('/console/requests', { ...fields, received_on: localDate(5) });
      assert.equal(future.status, 422);
      assert.match(text(future.text), /不能晚于今天/);
      const r = await handler.post('/console/requests', fields);
      assert.equal(r.status, 201, text(r.text).slice(0, 500));
      assert.match(text(r.text), /可能与同一申请人此前/);
      const number = match(r.text, /申请编号 (\d{4}-[0-9A-Z]{8})/);
      const id = await caseId(handler, number);
      const c = await handler.get(`/console/requests/${id}`);
      assert.match(text(c.text), new RegExp(`收到申请 ${localDate(-3)}（邮寄）`));
      assert.match(text(c.text), /重复/);
      await act(handler, id, 'close_duplicate', { text: '与此前申请内容相同' });
      assert.match(await state(handler, id), /重复申请/);
    });

    test('wrong query codes get the same answer as unknown numbers and are throttled', async () => {
      const { number, code } = await apply({ description: '2025年区政府常务会议议定事项清单' });
      const guesser = new Client(server.base);
      const unknown = await track(guesser, '2026-00000000', code);
      assert.equal(unknown.status, 422);
      for (let i = 0; i < 5; i++) {
        const r = await track(guesser, number, 'AAAA-BBBB-CCCC');
        assert.equal(r.status, 422);
        assert.equal(match(r.text, /(申请编号或查询码不正确)/), match(unknown.text, /(申请编号或查询码不正确)/));
      }
      const blocked = await track(new Client(server.base), number, code);
      assert.equal(blocked.status, 429);
      assert.match(text(blocked.text), /查询失败次数过多/);
    });

    test('a calendar import recomputes the open deadlines at once', async () => {
      const notice = readFileSync(new URL('../../config/calendar/2026.json', import.meta.url), 'utf8');
      const page = await supervisor.get('/console/calendar');
      assert.equal(page.status, 200);
      const r = await supervisor.post('/console/calendar', { _csrf: csrfToken(page.text), notice_json: notice });
      assert.equal(r.status, 303, text(r.text).slice(0, 400));
      const next = await supervisor.get(r.location);
      assert.match(text(next.text), /已按新日历重新计算 \d+ 件办理中申请的期限/);
    });
  });
}
