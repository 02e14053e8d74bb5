// 依申请公开 beyond the main line, over HTTP on SQLite and PostgreSQL: co-handling across units with one unified reply
// (the co-handling unit sees no personal data), the sensitive record with the openness office's sign-off, splitting
// an application (one query code for every part), review and litigation records, the Art. 44 draft, and the public
// statistics (counts only, never personal data). Bad input gets a Chinese error and changes nothing; CSRF is
// required; no request ever ends in a 500.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, csrfToken, decodeEntities, login } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const NAME = '欧阳明';
const ID = residentId('11010519770101005');

for (const backend of BACKENDS) {
  describe(`request handling records [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, handler, eduhandler, supervisor, officeId, eduId;

    async function apply(description) {
      const citizen = new Client(server.base);
      const page = await citizen.get('/requests/new');
      const r = await citizen.post('/requests', {
        _csrf: csrfToken(page.text), unit_id: String(officeId), applicant_type: 'natural_person', name: NAME,
        id_type: 'resident_id', id_number: ID, phone: '13912340000', email: 'oy@example.cn', description, delivery: 'email',
      });
      assert.equal(r.status, 201, text(r.text).slice(0, 400));
      const number = text(r.text).match(/申请编号 (\d{4}-[0-9A-Z]{8})/)[1];
      const code = text(r.text).match(/查询码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)[1];
      const q = await handler.get('/console/requests');
      const id = q.text.match(new RegExp(`href="/console/requests/(\\d+)">${number}<`))[1];
      return { citizen, number, code, id };
    }

    const page = (client, id) => client.get(`/console/requests/${id}`);
    const version = (html) => html.match(/name="version" value="(\d+)"/)[1];
    async function act(client, id, action, fields = {}, expect = 303) {
      const p = await page(client, id);
      const r = await client.post(`/console/requests/${id}/act`, { _csrf: csrfToken(p.text), action, version: version(p.text), ...fields });
      assert.equal(r.status, expect, `${action}: ${text(r.text).slice(0, 500)}`);
      return r;
    }
    async function post(client, id, path, fields, expect = 303) {
      const p = await page(client, id);
      const r = await client.post(`/console/requests/${id}/${path}`, { _csrf: csrfToken(p.text), ...fields });
      assert.equal(r.status, expect, `${path}: ${text(r.text).slice(0, 500)}`);
      return r;
    }

    before(async () => {
      env = await Env.create(backend, 'handling');
      server = await env.start();
      handler = await login(server.base, 'handler', env.accounts.handler);
      eduhandler = await login(server.base, 'eduhandler', env.accounts.eduhandler);
      supervisor = await login(server.base, 'supervisor', env.accounts.supervisor);
      const units = (await new Client(server.base).get('/api/v1/units')).json().items;
      officeId = units.find((u) => u.name === '区人民政府办公室').id;
      eduId = units.find((u) => u.name === '区教育局').id;
    });
    after(() => env?.close());

    test('co-handling: the lead unit asks, the other unit answers without seeing personal data, then the unified reply', async () => {
      const { id, number } = await apply('本区2025年新建中小学校的规划选址和投资计划');
      for (const a of ['accept', 'assign', 'start_work']) {
        await act(handler, id, a, a === 'assign' ? { assignee_id: (await page(handler, id)).text.match(/name="assignee_id"><option value="(\d+)"/)[1] } : {});
      }
      // Bad input first: no unit, no question, no CSRF.
      const p = await page(handler, id);
      assert.equal((await handler.post(`/console/requests/${id}/cohandlers`, { unit_id: String(eduId), question: '请提供意见' })).status, 403);
      let r = await handler.post(`/console/requests/${id}/cohandlers`, { _csrf: csrfToken(p.text), unit_id: String(eduId), question: ' ' });
      assert.equal(r.status, 422);
      assert.match(text(r.text), /请填写请会办单位协助的事项/);
      r = await handler.post(`/console/requests/${id}/cohandlers`, { _csrf: csrfToken(p.text), unit_id: 'x', question: '请提供意见' });
      assert.equal(r.status, 422);
      await post(handler, id, 'cohandlers', { unit_id: String(eduId), question: '请提供学校规划选址部分' });

      // The education bureau's handler sees it in its co-handling queue — the matter only, no applicant data.
      const queue = await eduhandler.get('/console/cohandling');
      assert.equal(queue.status, 200);
      assert.ok(queue.text.includes(number));
      const view = await eduhandler.get(`/console/cohandling/${id}`);
      assert.equal(view.status, 200);
      assert.match(text(view.text), /新建中小学校的规划选址/);
      assert.ok(!view.text.includes(NAME) && !view.text.includes(ID) && !view.text.includes('13912340000'), 'no personal data for co-handlers');
      // Not the case page itself.
      assert.equal((await eduhandler.get(`/console/requests/${id}`)).status, 403);

      // The reply cannot be approved while the answer is missing.
      await act(handler, id, 'draft_reply', { outcome: 'disclose', text: '现将规划选址和投资计划提供给您。' });
      r = await act(supervisor, id, 'approve_reply', {}, 422);
      assert.match(text(r.text), /会办单位未提交意见/);

      const form = view.text.match(/<form method="post" action="\/console\/cohandling\/\d+"[\s\S]*?<\/form>/)[0];
      r = await eduhandler.post(`/console/cohandling/${id}`, { _csrf: csrfToken(form), version: form.match(/name="version" value="(\d+)"/)[1], text: '' });
      assert.equal(r.status, 422);
      r = await eduhandler.post(`/console/cohandling/${id}`, { _csrf: csrfToken(form), version: form.match(/name="version" value="(\d+)"/)[1], text: '本局掌握选址方案，可以公开。' });
      assert.equal(r.status, 303);
      assert.match(text((await page(handler, id)).text), /本局掌握选址方案，可以公开/);
      await act(supervisor, id, 'approve_reply');
    });

    test('a sensitive request needs the talk record and the office sign-off before approval', async () => {
      const { id } = await apply('区政府与某公司签订的土地出让补充协议全文');
      for (const a of ['accept', 'assign', 'start_work']) {
        await act(handler, id, a, a === 'assign' ? { assignee_id: (await page(handler, id)).text.match(/name="assignee_id"><option value="(\d+)"/)[1] } : {});
      }
      await post(handler, id, 'sensitive', { step: 'flag', reason: '涉及企业商业秘密，申请人与企业有纠纷' });
      await act(handler, id, 'draft_reply', { outcome: 'partial', text: '部分公开。' });
      let r = await act(supervisor, id, 'approve_reply', {}, 422);
      assert.match(text(r.text), /沟通情况/);
      r = await post(supervisor, id, 'sensitive', { step: 'sign_off', opinion: '同意' }, 422);
      assert.match(text(r.text), /请先记录与申请人的沟通情况/);
      await post(handler, id, 'sensitive', { step: 'talk', talk_on: '', way: '电话', record: '已向申请人说明涉及第三方的部分不予公开' });
      r = await post(handler, id, 'sensitive', { step: 'sign_off', opinion: '同意' }, 403);
      await post(supervisor, id, 'sensitive', { step: 'sign_off', opinion: '同意按部分公开答复' });
      await act(supervisor, id, 'approve_reply');
      const shown = text((await page(handler, id)).text);
      assert.match(shown, /敏感申请/);
      assert.match(shown, /同意按部分公开答复/);
    });

    test('splitting keeps the receipt day and the one query code; review records; Art. 44 draft; statistics', async () => {
      const { citizen, id, code } = await apply('2025年区级财政专项资金分配表；以及2025年区级政府采购目录');
      let r = await post(handler, id, 'split', { version: version((await page(handler, id)).text), matters: '2025年区级财政专项资金分配表' }, 422);
      assert.match(text(r.text), /至少填写两项/);
      r = await post(handler, id, 'split', { version: version((await page(handler, id)).text), matters: '2025年区级财政专项资金分配表\r\n2025年区级政府采购目录' });
      const shown = text((await page(handler, id)).text);
      const childNumber = shown.match(/拆出的申请： (\d{4}-[0-9A-Z]{8})/)[1];
      const trackPage = await citizen.get('/requests/track');
      const t = await citizen.post('/requests/track', { _csrf: csrfToken(trackPage.text), number: childNumber, code });
      assert.equal(t.status, 200);
      assert.match(text(t.text), /2025年区级政府采购目录/);
      assert.match(text(t.text), /拆分而来/);

      // Reply with 予以公开, then a review and the Art. 44 draft.
      for (const a of ['accept', 'assign', 'start_work']) {
        await act(handler, id, a, a === 'assign' ? { assignee_id: (await page(handler, id)).text.match(/name="assignee_id"><option value="(\d+)"/)[1] } : {});
      }
      await act(handler, id, 'draft_reply', { outcome: 'disclose', text: '现提供分配表。' });
      await act(supervisor, id, 'approve_reply');
      await act(handler, id, 'send_reply', { date: '' });
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      r = await post(handler, id, 'appeals', { kind: 'review', filed_on: '2000-01-01', authority: '临江区人民政府', result: 'pending' }, 422);
      assert.match(text(r.text), /不能早于收到申请的日期/);
      assert.ok(r.text.includes('value="临江区人民政府"'), 'typed values kept');
      await post(handler, id, 'appeals', { kind: 'litigation', after_review: '1', filed_on: today, authority: '临江区人民法院', result: 'pending' });
      let casePage = await page(handler, id);
      assert.match(text(casePage.text), /行政诉讼（复议后起诉）/);
      const appealForm = casePage.text.match(/<form method="post" action="\/console\/requests\/\d+\/appeals\/(\d+)"[\s\S]*?<\/form>/);
      const appealId = appealForm[1];
      const fields = Object.fromEntries([...appealForm[0].matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      r = await handler.post(`/console/requests/${id}/appeals/${appealId}`, { ...fields, result: 'upheld', decided_on: today });
      assert.equal(r.status, 303, text(r.text).slice(0, 400));
      assert.match(text((await page(handler, id)).text), /结果维持/);

      r = await post(handler, id, 'proactive', { title: '2025年区级财政专项资金分配表', column_id: '', body: '分配表见附件。' });
      assert.match(decodeEntities(r.header('location') || ''), /console\/requests/);
      casePage = await page(handler, id);
      assert.match(text(casePage.text), /转为主动公开（条例第四十四条）.*2025年区级财政专项资金分配表/);

      // Public statistics: counts only.
      const year = today.slice(0, 4);
      const stats = await new Client(server.base).get(`/requests/statistics?year=${year}`);
      assert.equal(stats.status, 200);
      assert.match(text(stats.text), /各单位办理情况/);
      assert.ok(!stats.text.includes(NAME) && !stats.text.includes(ID), 'no personal data in statistics');
      const api = (await new Client(server.base).get(`/api/v1/requests/statistics?year=${year}`)).json();
      assert.equal(api.year, Number(year));
      assert.equal(api.groups.length, 7);
      assert.ok(api.district.received >= 4);
      assert.ok(api.units.some((u) => u.unit_id === officeId));
      for (const bad of ['abc', '1999', '99999']) {
        const b = await new Client(server.base).get(`/api/v1/requests/statistics?year=${bad}`);
        assert.equal(b.status, 422, `year ${bad}`);
        assert.match(b.json().error.message, /年份/);
      }
    });

    test('the public deadline calculator gives the same date and explanation as the case page and the tracking page', async () => {
      // A postal application, a third-party consultation that took a while, an extension. Fixed dates of a year whose
      // holidays are published: dates counted back from today ran into 2027 in December 2026, whose arrangement
      // is not out yet, and the calculator rightly refuses to count working days there.
      const received = '2026-09-01', consulted = '2026-09-07', answered = '2026-09-29', approved = '2026-09-30';
      const intake = await handler.get('/console/requests/new');
      const r = await handler.post('/console/requests', {
        _csrf: csrfToken(intake.text), channel: 'post', received_on: received, unit_id: String(officeId),
        applicant_type: 'natural_person', name: NAME, id_type: 'resident_id', id_number: ID, phone: '13912340000',
        description: '2024年本区城市更新项目的立项批复文件', delivery: 'post', address: '临江区解放路1号', postcode: '310000',
      });
      assert.equal(r.status, 201, text(r.text).slice(0, 400));
      const number = text(r.text).match(/申请编号 (\d{4}-[0-9A-Z]{8})/)[1];
      const code = text(r.text).match(/查询码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)[1];
      const q = await handler.get('/console/requests');
      const id = q.text.match(new RegExp(`href="/console/requests/(\\d+)">${number}<`))[1];
      for (const a of ['accept', 'assign', 'start_work']) {
        await act(handler, id, a, a === 'assign' ? { assignee_id: (await page(handler, id)).text.match(/name="assignee_id"><option value="(\d+)"/)[1] } : { date: received });
      }
      await act(handler, id, 'consult', { kind: 'third_party', party: '某某置业有限公司', date: consulted });
      await act(handler, id, 'receive_opinion', { date: answered, text: '不同意公开' });
      await act(supervisor, id, 'extend', { days: '15', text: '需要汇总多个部门的材料', date: approved });

      const steps = (html) => {
        const block = html.match(/<ol class="steps">([\s\S]*?)<\/ol>/)[1];
        return [...block.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => decodeEntities(m[1]).trim());
      };
      const casePage = await page(handler, id);
      const caseDue = text(casePage.text).match(/答复期限 (\d{4}-\d{2}-\d{2})/)[1];
      const caseSteps = steps(casePage.text);

      const params = new URLSearchParams({ received, channel: 'post', pause_start: consulted, pause_end: answered,
                                           pause_kind: 'third_party', extension: '15', extension_approved: approved });
      const calc = await new Client(server.base).get(`/api/v1/calendar/deadline?${params}`);
      assert.equal(calc.status, 200, calc.text);
      const due = calc.json().due;
      assert.equal(due.date, caseDue);
      assert.deepEqual(due.explanation, caseSteps);

      // The applicant's tracking page shows the same.
      const citizen = new Client(server.base);
      const tp = await citizen.get('/requests/track');
      const tracked = await citizen.post('/requests/track', { _csrf: csrfToken(tp.text), number, code });
      assert.equal(tracked.status, 200);
      assert.match(text(tracked.text), new RegExp(`答复期限 ${caseDue}`));
      assert.deepEqual(steps(tracked.text), caseSteps);
      // And the calculator page itself.
      const calcPage = await new Client(server.base).get(`/calendar?${params}`);
      assert.equal(calcPage.status, 200);
      assert.ok(text(calcPage.text).includes(caseDue));
    });
  });
}
