// Notifications and 告知书 over HTTP on SQLite and PostgreSQL, with `gongkai serve` pointed at an SMTP sink that the
// test starts: the applicant's e-mails arrive as proper MIME (UTF-8 subject, base64 body, Message-ID, Date) without
// personal data; a temporary failure is retried and visible to staff, a permanent one is marked failed, and the
// staff retry button sends it; only sysadmin and supervisor see the deliveries. The reply notice and the released
// file are reachable on the tracking page with number + query code only (POST), as PDF and as the file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, csrfToken, decodeEntities, login } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';
import { SmtpSink } from './lib/smtp_sink.mjs';

function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const ID = residentId('11010519800312004');
const NAME = '钱慧敏';
const text = (html) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

for (const backend of BACKENDS) {
  describe(`notifications and notices [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, sink, handler, supervisor, admin, officeId;

    async function apply(email) {
      const citizen = new Client(server.base);
      const page = await citizen.get('/requests/new');
      const r = await citizen.post('/requests', {
        _csrf: csrfToken(page.text), unit_id: String(officeId), applicant_type: 'natural_person', name: NAME, contact_person: '',
        id_type: 'resident_id', id_number: ID, phone: '', email, address: '', postcode: '',
        description: '2025年本区道路维修工程的招标文件和合同', doc_no: '', purpose: '', delivery: 'email',
      });
      assert.equal(r.status, 201, text(r.text).slice(0, 400));
      const number = text(r.text).match(/申请编号 (\d{4}-[0-9A-Z]{8})/)[1];
      const code = text(r.text).match(/查询码 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)[1];
      return { citizen, number, code };
    }

    async function caseId(number) {
      const q = await handler.get('/console/requests');
      return q.text.match(new RegExp(`href="/console/requests/(\\d+)">${number}<`))[1];
    }

    async function act(staff, id, action, fields = {}) {
      const page = await staff.get(`/console/requests/${id}`);
      const version = page.text.match(/name="version" value="(\d+)"/)[1];
      const r = await staff.post(`/console/requests/${id}/act`, { _csrf: csrfToken(page.text), action, version, ...fields });
      assert.equal(r.status, 303, `${action}: ${text(r.text).slice(0, 500)}`);
    }

    const outbox = async (who = admin, query = '') => (await who.get(`/api/v1/outbox${query}`, { headers: { accept: 'application/json' } })).json().items;

    before(async () => {
      sink = await SmtpSink.start();
      env = await Env.create(backend, 'notify');
      server = await env.start({
        args: ['--smtp-host', '127.0.0.1', '--smtp-port', String(sink.port), '--smtp-tls', 'try', '--mail-from', 'noreply@gk.test',
          '--public-url', 'http://gk.test/', '--outbox-interval', '1'],
      });
      handler = await login(server.base, 'handler', env.accounts.handler);
      supervisor = await login(server.base, 'supervisor', env.accounts.supervisor);
      admin = await login(server.base, 'admin', env.accounts.admin);
      const units = (await new Client(server.base).get('/api/v1/units')).json().items;
      officeId = units.find((u) => u.name === '区人民政府办公室').id;
    });
    after(async () => {
      await env?.close();
      await sink?.stop();
    });

    test('the applicant gets a well-formed e-mail for each step, without personal data', async () => {
      const to = `qian-${backend}@example.cn`;
      const { number } = await apply(to);
      const [m] = await sink.waitFor(() => { const x = sink.find(to, /已收到您的申请/); return x.length ? x : null; });
      assert.equal(m.from, 'noreply@gk.test');
      assert.ok(m.subject.includes(number), m.subject);
      assert.match(m.headers['message-id'], /^<[^@\s]+@gk\.test>$/);
      assert.match(m.headers.date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
      assert.match(m.headers['content-type'], /text\/plain; charset=UTF-8/);
      assert.match(m.headers['content-transfer-encoding'], /base64/);
      assert.match(m.headers.subject, /=\?UTF-8\?B\?/);
      assert.match(m.text, /http:\/\/gk\.test\/requests\/track/);
      assert.ok(m.text.includes(number));
      assert.ok(!m.raw.includes(ID) && !m.text.includes(NAME) && !m.text.includes(ID), 'no name or ID in the mail');

      const id = await caseId(number);
      await act(handler, id, 'accept');
      await sink.waitFor(() => sink.find(to, /：受理$/).length > 0);
      assert.ok(!server.log.includes(to) && !server.log.includes(NAME), 'recipient and name never logged');
    });

    test('failures are retried, shown to staff, and the retry button sends them', async () => {
      const to = `retry-${backend}@example.cn`;
      sink.mode = 'temporary';
      const { number } = await apply(to);
      // The job tries, gets 451, and keeps the message pending with the error for staff.
      let row;
      for (const deadline = Date.now() + 40_000; !row && Date.now() < deadline;) {
        row = (await outbox(admin)).find((x) => x.request_number === number && x.channel === 'email' && x.attempts > 0);
        if (!row) await new Promise((res) => setTimeout(res, 300));
      }
      assert.ok(row, 'a failed attempt is recorded');
      assert.equal(row.status, 'pending');
      assert.equal(row.retrying, true);
      assert.match(row.last_error, /451/);
      assert.equal(row.recipient, 're***@example.cn', 'masked for staff');
      assert.equal(sink.find(to).length, 0);

      // Permanent refusal: failed after the staff retry, listed under failures.
      sink.mode = 'permanent';
      let page = await supervisor.get('/console/outbox');
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(`重新发送 #${row.id}`));
      let r = await supervisor.post(`/console/outbox/${row.id}/retry`, { _csrf: csrfToken(page.text) });
      assert.equal(r.status, 303);
      const failed = await outbox(admin, '?status=failed');
      const f = failed.find((x) => x.id === row.id);
      assert.ok(f, 'listed as failed');
      assert.match(f.last_error, /550/);
      page = await admin.get('/console/outbox?status=failed');
      assert.match(text(page.text), /发送失败/);

      // The server accepts again: the retry button delivers it.
      sink.mode = 'accept';
      r = await admin.post(`/console/outbox/${row.id}/retry`, { _csrf: csrfToken(page.text) });
      assert.equal(r.status, 303);
      assert.equal(sink.find(to).length, 1);
      assert.equal((await outbox(admin)).find((x) => x.id === row.id).status, 'sent');

      // Handlers do not see deliveries; no CSRF, no retry.
      assert.equal((await handler.get('/console/outbox')).status, 403);
      assert.equal((await admin.post(`/console/outbox/${row.id}/retry`, {})).status, 403);
    });

    test('我的申请: the one-time sign-in link arrives through the outbox, works, and is not kept', async () => {
      const to = `mine-${backend}@example.cn`;
      const { number } = await apply(to);
      const visitor = new Client(server.base);
      const page = await visitor.get('/requests/mine');
      const r = await visitor.post('/requests/mine/link', { _csrf: csrfToken(page.text), email: to });
      assert.equal(r.status, 200, text(r.text).slice(0, 300));
      const [mail] = await sink.waitFor(() => { const m = sink.find(to, /我的申请/); return m.length ? m : null; });
      const link = mail.text.match(/http:\/\/gk\.test(\/requests\/mine\/signin\?token=[A-Za-z0-9_-]+)/);
      assert.ok(link, mail.text);
      const confirm = await visitor.get(link[1]);
      assert.equal(confirm.status, 200);
      const token = new URL('http://x' + link[1]).searchParams.get('token');
      const signedIn = await visitor.post('/requests/mine/signin', { _csrf: csrfToken(confirm.text), token });
      assert.equal(signedIn.status, 303, text(signedIn.text).slice(0, 300));
      const mine = await visitor.get('/requests/mine');
      assert.ok(mine.text.includes(number), 'the request is listed');
      // The delivered message no longer holds the link.
      const sent = (await outbox(admin)).find((x) => x.template === 'applicant_link' && x.status === 'sent');
      assert.ok(sent);
      const rows = await env.db.sql(`SELECT body FROM outbox WHERE id = ${sent.id}`);
      assert.ok(!rows.stdout.includes(token) && rows.stdout.includes('已删除'), rows.stdout);
    });

    test('reply notice and released file: numbered, frozen, downloadable only with number + query code', async () => {
      const to = `reply-${backend}@example.cn`;
      const { citizen, number, code } = await apply(to);
      const id = await caseId(number);
      await act(handler, id, 'accept');
      const page = await handler.get(`/console/requests/${id}`);
      const assignee = page.text.match(/name="assignee_id"><option value="(\d+)"/)[1];
      await act(handler, id, 'assign', { assignee_id: assignee });
      await act(handler, id, 'start_work');
      // A real PDF made with the system's own tools is the released file.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-notify-'));
      const pdfPath = path.join(dir, 'contract.pdf');
      writeFileSync(pdfPath, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
      let cp = await handler.get(`/console/requests/${id}`);
      const form = new FormData();
      form.set('_csrf', csrfToken(cp.text));
      form.set('file', new Blob([await (await import('node:fs/promises')).readFile(pdfPath)], { type: 'application/pdf' }), '道路维修合同.pdf');
      const up = await handler.request(`/console/requests/${id}/files`, { method: 'POST', body: form });
      assert.equal(up.status, 303, text(up.text).slice(0, 300));
      await act(handler, id, 'draft_reply', { outcome: 'partial', text: '合同价款以外的内容予以公开。' });
      cp = await handler.get(`/console/requests/${id}`);
      assert.match(text(cp.text), /答复告知书（草稿/);
      assert.match(text(cp.text), /《中华人民共和国政府信息公开条例》第三十七条/);
      await act(supervisor, id, 'approve_reply');
      await act(handler, id, 'send_reply');
      cp = await handler.get(`/console/requests/${id}`);
      const no = text(cp.text).match(/(区人民政府办公室政府信息公开答复〔\d{4}〕\d+号)/)[1];
      assert.ok(!cp.text.includes('上传文件'), 'no uploads after the reply');

      // The tracking page shows the notice without the name, and download forms carrying number and code.
      const tp = await citizen.get('/requests/track');
      const t = await citizen.post('/requests/track', { _csrf: csrfToken(tp.text), number, code });
      assert.equal(t.status, 200);
      assert.ok(text(t.text).includes(no));
      assert.ok(!t.text.includes(NAME), 'no name on the tracking page');
      const noticeAction = t.text.match(/action="(\/requests\/track\/notices\/\d+\/pdf)"/)[1];
      const fileAction = t.text.match(/action="(\/requests\/track\/files\/\d+)"/)[1];
      const csrf = csrfToken(t.text);
      const fetchBin = (p, form) => fetch(server.base + p, { method: 'POST', headers: { cookie: citizen.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
      const pdf = await fetchBin(noticeAction, { _csrf: csrf, number, code });
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.match(pdf.headers.get('cache-control'), /no-store/);
      assert.match(pdf.headers.get('x-robots-tag'), /noindex/);
      const bytes = Buffer.from(await pdf.arrayBuffer());
      writeFileSync(path.join(dir, 'notice.pdf'), bytes);
      const pdfText = execFileSync('pdftotext', [path.join(dir, 'notice.pdf'), '-']).toString('utf8').replace(/\s+/g, '');
      assert.ok(pdfText.includes(no.replace(/\s+/g, '')), pdfText.slice(0, 300));
      assert.ok(pdfText.includes('部分公开'));
      assert.ok(pdfText.includes(NAME), 'the letter as sent is addressed to the applicant');
      const file = await fetchBin(fileAction, { _csrf: csrf, number, code });
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-disposition'), /attachment/);
      // A wrong code gets nothing; a GET does not exist.
      const wrong = await fetchBin(fileAction, { _csrf: csrf, number, code: 'AAAA-BBBB-CCCC' });
      assert.equal(wrong.status, 422);
      assert.equal((await citizen.get(fileAction)).status, 405);
      // The reply e-mail arrived.
      await sink.waitFor(() => sink.find(to, /已作出答复/).length > 0);

      // Templates: the supervisor edits, a handler may not.
      const tplPage = await supervisor.get('/console/notice-templates/reply.partial');
      assert.equal(tplPage.status, 200);
      const bad = await supervisor.post('/console/notice-templates/reply.partial', { _csrf: csrfToken(tplPage.text), title: '答复书', body: '{{nobody}}' });
      assert.equal(bad.status, 422);
      assert.match(text(bad.text), /占位符/);
      const ok = await supervisor.post('/console/notice-templates/reply.partial', { _csrf: csrfToken(tplPage.text), title: '答复书', body: '{{applicant}}：\n{{reply_text}}\n{{remedies}}' });
      assert.equal(ok.status, 303);
      assert.equal((await handler.get('/console/notice-templates')).status, 403);
      // The sent notice did not change.
      const again = await citizen.post('/requests/track', { _csrf: csrfToken(tp.text), number, code });
      assert.ok(text(again.text).includes('部分公开'));
    });
  });
}
