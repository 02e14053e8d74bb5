// 主动公开 over HTTP, on SQLite and PostgreSQL: an editor drafts, is stopped by an ID number, masks it, submits; the
// forbidden steps (self-approval by an editor, editing a published edition in place, publishing before review) are
// refused; a reviewer approves and publishes; the public finds the document in its column, the catalogue, the API,
// feeds, the sitemap and the ledger; script is shown as text; withdrawal keeps the address with the reason; and
// `gongkai ledger verify` names an edition changed behind the application's back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, decodeEntities, field, formFields, login, rawRequest, setField } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

const withFields = (pairs, changes) => Object.entries(changes).reduce((p, [k, v]) => setField(p, k, v), pairs);

for (const backend of BACKENDS) {
  describe(`disclosure [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, editor, reviewer, supervisor, docId;
    const anon = () => new Client(server.base);

    before(async () => {
      env = await Env.create(backend, 'disclosure');
      server = await env.start();
      editor = await login(server.base, 'editor', env.accounts.editor);
      reviewer = await login(server.base, 'reviewer', env.accounts.reviewer);
      supervisor = await login(server.base, 'supervisor', env.accounts.supervisor);
    });
    after(() => env?.close());

    const docPage = async (who, id) => {
      const r = await who.get(`/console/documents/${id}`);
      assert.equal(r.status, 200, r.text.slice(0, 300));
      return r;
    };
    const action = async (who, id, name, extra = {}) => {
      const page = await docPage(who, id);
      const fields = formFields(page.text, `/console/documents/${id}/${name}`);
      return who.post(`/console/documents/${id}/${name}`, withFields(fields, extra));
    };

    test('the editor drafts; the ID number stops submission until masked; then submits', async () => {
      const { fields } = await editor.form('/console/documents/new', '/console/documents');
      const policy = (await anon().get('/api/v1/columns')).json().items.find((c) => c.slug === 'policy');
      const draft = withFields(fields, {
        title: '临江区学生资助实施办法<script>alert(1)</script>',
        summary: '资助对象、标准和程序',
        body_md: '第一条 为规范学生资助工作，制定本办法。\n\n<b>raw html</b><script>alert(2)</script>\n\n联系人身份证号 11010519491231002X，电话 13800138000。',
        doc_no: '临教发〔2026〕21号',
        written_on: '2026-11-20',
        formed_on: '2026-11-20',
        column_id: String(policy.id),
        topic: '11',
        info_class: 'policy',
      });
      const r = await editor.post('/console/documents', draft);
      assert.equal(r.status, 303, r.text.slice(0, 800));
      docId = Number(r.location.split('/').pop());
      assert.ok(docId > 0);

      const page = await docPage(editor, docId);
      assert.match(page.text, /个人信息检查：发现 2 处未处理/);
      assert.match(page.text, /110105\*\*\*\*\*\*\*\*002X/);
      assert.doesNotMatch(page.text.replace(/<textarea[\s\S]*?<\/textarea>/g, ''), /11010519491231002X/, 'the full number only in the editor');

      const blocked = await action(editor, docId, 'save', {});  // saving is fine
      assert.equal(blocked.status, 303);
      const submit = await (async () => {
        const p = await docPage(editor, docId);
        const f = formFields(p.text, `/console/documents/${docId}/save`);
        return editor.post(`/console/documents/${docId}/submit`, f);
      })();
      assert.equal(submit.status, 422);
      assert.match(submit.text, /未处理的个人信息（身份证号 1 处、手机号 1 处）/);

      const masked = await action(editor, docId, 'mask');
      assert.equal(masked.status, 303);
      const after = await docPage(editor, docId);
      assert.match(after.text, /已遮盖 2 处个人信息/);
      const body = decodeEntities(field(formFields(after.text, `/console/documents/${docId}/save`), 'body_md'));
      assert.match(body, /110105\*\*\*\*\*\*\*\*002X，电话 138\*\*\*\*8000/);

      const f = formFields(after.text, `/console/documents/${docId}/save`);
      const ok = await editor.post(`/console/documents/${docId}/submit`, f);
      assert.equal(ok.status, 303, ok.text.slice(0, 500));
      assert.match((await docPage(editor, docId)).text, /待审核/);
    });

    test('forbidden: editors cannot approve or publish; nobody publishes before review', async () => {
      const version = field(formFields((await docPage(reviewer, docId)).text, `/console/documents/${docId}/approve`), 'version');
      const r1 = await editor.post(`/console/documents/${docId}/approve`, {
        _csrf: field(formFields((await docPage(editor, docId)).text, `/console/documents/${docId}/recall`), '_csrf'),
        version, opinion: '我自己批准',
      });
      assert.equal(r1.status, 403);
      const r2 = await editor.post(`/console/documents/${docId}/publish`, {
        _csrf: field(formFields((await docPage(editor, docId)).text, `/console/documents/${docId}/recall`), '_csrf'),
        version,
      });
      assert.equal(r2.status, 403);
      // Not public yet.
      assert.equal((await anon().get(`/documents/${docId}`)).status, 404);
      // A form without the CSRF token is refused outright.
      assert.equal((await reviewer.post(`/console/documents/${docId}/approve`, { version, opinion: 'x' })).status, 403);
    });

    test('the reviewer approves and publishes; the public sees it everywhere with the metadata table', async () => {
      const ap = await action(reviewer, docId, 'approve', { opinion: '经保密审查，同意公开。' });
      assert.equal(ap.status, 303, ap.text.slice(0, 500));
      const pub = await action(reviewer, docId, 'publish');
      assert.equal(pub.status, 303, pub.text.slice(0, 500));

      const page = await anon().get(`/documents/${docId}`);
      assert.equal(page.status, 200);
      for (const label of ['索引号', '主题分类', '发布机构', '成文日期', '文号', '发布日期', '有效性', '主题词']) {
        assert.match(page.text, new RegExp(`<th scope="row">${label}</th>`), label);
      }
      assert.match(page.text, /临教发〔2026〕21号/);
      assert.match(page.text, /科技、教育/);
      assert.match(page.text, /<td class="mono">[0-9A-Z]{18}\/\d{4}-\d{5}<\/td>/);
      // Script in the title is text; raw HTML in the body is dropped.
      assert.match(page.text, /学生资助实施办法&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.doesNotMatch(page.text, /<script>/);
      assert.doesNotMatch(page.text, /<b>raw html<\/b>/);
      assert.match(page.text, /110105\*\*\*\*\*\*\*\*002X/);

      const column = await anon().get('/columns/policy');
      assert.equal(column.status, 200);
      assert.match(column.text, new RegExp(`href="/documents/${docId}"`));
      const statutory = await anon().get('/columns/statutory');  // a parent column lists its children's documents
      assert.match(statutory.text, new RegExp(`href="/documents/${docId}"`), statutory.text.slice(statutory.text.indexOf("<main"), statutory.text.indexOf("</main>")));
      const catalogue = await anon().get('/catalogue?topic=11');
      assert.match(catalogue.text, new RegExp(`href="/documents/${docId}"`));

      const api = (await anon().get('/api/v1/documents?column=policy')).json();
      const listed = api.items.find((d) => d.id === docId);
      assert.ok(listed);
      assert.equal(listed.doc_no, '临教发〔2026〕21号');
      const detail = (await anon().get(`/api/v1/documents/${docId}`)).json();
      assert.equal(detail.editions.length, 1);
      assert.equal(detail.ledger.length, 1);
      assert.equal(detail.ledger[0].content_hash, detail.editions[0].content_hash);
      assert.equal(JSON.stringify(detail).includes('editor'), false, 'no staff names in the public API');

      const feed = await anon().get('/columns/policy/feed.atom');
      assert.equal(feed.status, 200);
      assert.match(feed.headers.get('content-type'), /application\/atom\+xml/);
      assert.match(feed.text, /<entry>/);
      const sitemap = await anon().get('/sitemap.xml');
      assert.match(sitemap.text, new RegExp(`/documents/${docId}</loc>`));
      const ledger = await anon().get('/ledger');
      assert.match(ledger.text, new RegExp(`href="/documents/${docId}"`));
      const ledgerApi = (await anon().get('/api/v1/ledger')).json();
      assert.ok(ledgerApi.items.some((e) => e.document_id === docId && e.action === 'publish'));
      assert.match(ledgerApi.public_key, /^[0-9a-f]{64}$/);
    });

    test('a published edition is never edited in place; a new edition keeps the old one readable', async () => {
      // The published edition has no editor form; posting one anyway is refused.
      const page = await docPage(editor, docId);
      assert.doesNotMatch(page.text, new RegExp(`action="/console/documents/${docId}/save"`));
      const csrf = field(formFields(page.text, `/console/documents/${docId}/new-edition`), '_csrf');
      const inPlace = await editor.post(`/console/documents/${docId}/save`, { _csrf: csrf, version: '99', title: '偷偷改标题' });
      assert.equal(inPlace.status, 422);
      assert.match(inPlace.text, /不能保存/);

      const ne = await editor.post(`/console/documents/${docId}/new-edition`, { _csrf: csrf });
      assert.equal(ne.status, 303);
      const draftPage = await docPage(editor, docId);
      const f = withFields(formFields(draftPage.text, `/console/documents/${docId}/save`), { title: '临江区学生资助实施办法（修订）' });
      const noNote = await editor.post(`/console/documents/${docId}/submit`, f);
      assert.equal(noNote.status, 422);
      assert.match(noNote.text, /重要修改须填写公开的修改说明/);
      assert.match(noNote.text, /临江区学生资助实施办法（修订）/, 'what was typed is kept');
      const ok = await editor.post(`/console/documents/${docId}/submit`, setField(f, 'change_note', '调整资助标准'));
      assert.equal(ok.status, 303);
      // The public still sees edition 1 until edition 2 is published.
      assert.doesNotMatch((await anon().get(`/documents/${docId}`)).text, /（修订）/);
      assert.equal((await action(reviewer, docId, 'approve', { opinion: '同意' })).status, 303);
      assert.equal((await action(reviewer, docId, 'publish')).status, 303);
      const now = await anon().get(`/documents/${docId}`);
      assert.match(now.text, /临江区学生资助实施办法（修订）/);
      assert.match(now.text, /调整资助标准/);
      const old = await anon().get(`/documents/${docId}?edition=1`);
      assert.equal(old.status, 200);
      assert.match(old.text, /这不是最新版本/);
      assert.equal((await anon().get(`/documents/${docId}?edition=9`)).status, 404);
    });

    test('bad input: unknown documents and cursors, impossible dates kept on the form', async () => {
      assert.equal((await anon().get('/documents/999999')).status, 404);
      assert.equal((await anon().get('/documents/abc')).status, 404);
      assert.equal((await anon().get('/columns/no-such-column')).status, 404);
      assert.equal((await anon().get('/columns/policy?after=garbage')).status, 400);
      assert.equal((await anon().get('/api/v1/documents?after=garbage')).status, 422);
      assert.equal((await anon().get('/api/v1/documents?limit=1000')).status, 422);
      const { fields } = await editor.form('/console/documents/new', '/console/documents');
      const r = await editor.post('/console/documents', withFields(fields, { title: '日期错误的文件', written_on: '2026-02-30' }));
      assert.equal(r.status, 422);
      assert.match(r.text, /成文日期不是有效日期/);
      assert.match(r.text, /value="日期错误的文件"/);
      assert.match(r.text, /value="2026-02-30"/);
    });

    test('uploads: content decides, a lying name is refused, oversized bodies get 413', async () => {
      const { fields } = await editor.form('/console/documents/new', '/console/documents');
      const made = await editor.post('/console/documents', withFields(fields, { title: '附件测试' }));
      const id = Number(made.location.split('/').pop());
      const upload = async (who, name, bytes, base) => {
        const p = await docPage(who, id);
        const f = formFields(p.text, `/console/documents/${id}/attachments`);
        const form = new FormData();
        for (const [k, v] of f) form.set(k, v);
        form.set('file', new Blob([bytes]), name);
        return (base ? who.on(base) : who).request(`/console/documents/${id}/attachments`, { method: 'POST', body: form });
      };
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
      const r1 = await upload(editor, '通知.pdf', exe);
      assert.equal(r1.status, 422);
      assert.match(r1.text, /不支持这种文件/);
      const html = await upload(editor, 'x.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
      assert.equal(html.status, 422);
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
      const asDocx = await upload(editor, '通知.docx', pdf);
      assert.equal(asDocx.status, 422);
      assert.match(asDocx.text, /文件扩展名“.docx”与文件内容不符：文件实际是PDF/);
      const ok = await upload(editor, '../../etc/通知<script>.pdf', pdf);
      assert.equal(ok.status, 303, ok.text.slice(0, 400));
      const page = await docPage(editor, id);
      assert.match(page.text, /通知_script_\.pdf|通知&lt;script&gt;\.pdf|通知_script_.pdf/);
      assert.doesNotMatch(page.text, /<script>/);
      // A body beyond the server's limit is refused before any handler reads it.
      const small = await env.start({ args: ['--body-limit-mb', '1'] });
      const length = 2 * 1024 * 1024;
      const big = await rawRequest(small.port, [
        `POST /console/documents/${id}/attachments HTTP/1.1\r\nHost: localhost\r\nCookie: ${editor.cookieHeader()}\r\n` +
        `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: ${length}\r\n\r\n`, '--x\r\n' + 'a'.repeat(4096)]);
      assert.equal(big.status, 413);
      assert.match(big.body, /超过了大小限制/);
    });

    test('withdrawal keeps the address with the public reason; the ledger records it', async () => {
      const r = await action(reviewer, docId, 'withdraw', { reason: '该办法已由新文件替代，原文撤回。' });
      assert.equal(r.status, 303, r.text.slice(0, 500));
      const page = await anon().get(`/documents/${docId}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /本信息已于 .* 撤回。/);
      assert.match(page.text, /该办法已由新文件替代，原文撤回。/);
      assert.doesNotMatch(page.text, /第一条 为规范学生资助工作/);
      assert.doesNotMatch((await anon().get('/columns/policy')).text, new RegExp(`href="/documents/${docId}"`));
      const ledgerApi = (await anon().get('/api/v1/ledger')).json();
      assert.deepEqual(ledgerApi.items.filter((e) => e.document_id === docId).map((e) => e.action), ['publish', 'new_edition', 'withdraw']);
    });

    test('标准目录: a unit administrator imports a CSV; bad rows are named; documents cite entries', async () => {
      const admin = await login(server.base, 'unitadmin', env.accounts.unitadmin);
      const page = await admin.get('/console/catalogue');
      assert.equal(page.status, 200);
      const csrf = field(formFields(page.text, '/console/catalogue/import'), '_csrf');
      const csv = '\ufeff一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级,领域\r\n' +
        '义务教育,课后服务,课后服务收费标准和学校名单,教育部有关规定,信息形成（变更）之日起20个工作日内,区教育局,政府网站,全社会,主动,区级,义务教育\r\n' +
        ',缺一级事项,,,,,,,,,\r\n' +
        '义务教育,学籍管理,,,,,,所有人,主动,区级,\r\n';
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('unit_id', '0');
      form.set('file', new Blob([csv], { type: 'text/csv' }), '标准目录.csv');
      const r = await admin.request('/console/catalogue/import', { method: 'POST', body: form });
      assert.equal(r.status, 200, r.text.slice(0, 500));
      assert.match(r.text, /导入完成：新增 1 项，更新 0 项/);
      assert.match(r.text, /第 3 行：缺少一级事项/);
      assert.match(r.text, /第 4 行：公开对象应为“全社会”或“特定群众”/);
      assert.match(r.text, /课后服务收费标准和学校名单/);
      // Not a table: refused with a clear message, nothing changes.
      const exe = new FormData();
      exe.set('_csrf', csrf);
      exe.set('file', new Blob(['MZ\x90\x00']), 'catalogue.exe');
      const bad = await admin.request('/console/catalogue/import', { method: 'POST', body: exe });
      assert.equal(bad.status, 422);
      assert.match(bad.text, /只能从 .csv 或 .xlsx 文件导入/);
      // Other units' administrators cannot import into this one; editors cannot import at all.
      const byEditor = new FormData();
      byEditor.set('_csrf', field(formFields((await editor.get('/console/documents')).text, '/logout'), '_csrf'));
      byEditor.set('file', new Blob([csv], { type: 'text/csv' }), 'x.csv');
      assert.equal((await editor.request('/console/catalogue/import', { method: 'POST', body: byEditor })).status, 403);
      // The public catalogue of the unit lists it; the editor's form offers it.
      const units = (await anon().get('/api/v1/units')).json().items;
      const edu = units.find((u) => u.name === '区教育局');
      const pub = await anon().get(`/units/${edu.id}/catalogue`);
      assert.equal(pub.status, 200);
      assert.match(pub.text, /课后服务/);
      const newForm = await editor.get('/console/documents/new');
      assert.match(newForm.text, /<option value="\d+">义务教育 › 课后服务<\/option>/);
    });

    test('columns: the office adds one; statutory columns stay; editors cannot manage columns', async () => {
      const page = await supervisor.get('/console/columns');
      assert.equal(page.status, 200);
      const fields = formFields(page.text, '/console/columns');
      const made = await supervisor.post('/console/columns', withFields(fields, { name: '重点领域信息', slug: 'key-areas', update_interval_days: '90' }));
      assert.equal(made.status, 303, made.text.slice(0, 300));
      const dup = await supervisor.post('/console/columns', withFields(fields, { name: '重复', slug: 'key-areas' }));
      assert.equal(dup.status, 422);
      assert.match(dup.text, /已有栏目使用这个网址名/);
      const bad = await supervisor.post('/console/columns', withFields(fields, { name: '坏网址', slug: '../etc' }));
      assert.equal(bad.status, 422);
      const cols = (await anon().get('/api/v1/columns')).json().items;
      assert.ok(cols.some((c) => c.slug === 'key-areas' && c.update_interval_days === 90));
      assert.equal((await anon().get('/columns/key-areas')).status, 200);
      const guide = cols.find((c) => c.slug === 'guide');
      const guideForm = formFields((await supervisor.get('/console/columns')).text, `/console/columns/${guide.id}`);
      const moved = await supervisor.post(`/console/columns/${guide.id}`, withFields(guideForm, { slug: 'moved', name: '政府信息公开指南（新）' }));
      assert.equal(moved.status, 303);
      assert.equal((await anon().get('/columns/guide')).status, 200, 'a statutory column keeps its address');
      const editorCsrf = field(formFields((await editor.get('/console/documents')).text, '/logout'), '_csrf');
      const editorPost = await editor.post('/console/columns', withFields(fields, { _csrf: editorCsrf, name: '编辑加的', slug: 'by-editor' }));
      assert.equal(editorPost.status, 403);
      assert.match(editorPost.text, /只有政务公开办和系统管理员可以管理栏目/);
    });

    test('urgent publication by the office is flagged until a reviewer reviews it afterwards', async () => {
      const { fields } = await supervisor.form('/console/documents/new', '/console/documents');
      const units = (await anon().get('/api/v1/units')).json().items;
      const edu = units.find((u) => u.name === '区教育局');
      const created = await supervisor.post('/console/documents', withFields(fields, { unit_id: String(edu.id), title: '关于今日停课的紧急通知', body_md: '因暴雨红色预警，今日全区中小学停课。' }));
      assert.equal(created.status, 303, created.text.slice(0, 500));
      const id = Number(created.location.split('/').pop());
      const revCsrf = field(formFields((await reviewer.get('/console/documents')).text, '/logout'), '_csrf');
      assert.doesNotMatch((await docPage(reviewer, id)).text, /紧急发布理由/, 'no urgent form for reviewers');
      assert.equal((await reviewer.post(`/console/documents/${id}/urgent`, { _csrf: revCsrf, version: '1', reason: '暴雨' })).status, 403);
      const urgent = await action(supervisor, id, 'urgent', { reason: '暴雨红色预警，须立即告知' });
      assert.equal(urgent.status, 303, urgent.text.slice(0, 500));
      assert.equal((await anon().get(`/documents/${id}`)).status, 200);
      const list = await supervisor.get('/console/documents?view=published');
      assert.match(list.text, /关于今日停课的紧急通知<\/a> <span class="tag warn">待事后审核<\/span>/);
      const own = await supervisor.get(`/console/documents/${id}`);
      assert.doesNotMatch(own.text, /完成事后审核/, 'the urgent publisher does not review it');
      const done = await action(reviewer, id, 'post-review', { opinion: '事后审查同意。' });
      assert.equal(done.status, 303, done.text.slice(0, 500));
      assert.doesNotMatch((await supervisor.get('/console/documents?view=published')).text, /待事后审核/);
    });

    test('gongkai ledger verify passes, then names the edition changed behind the application\'s back', async () => {
      const sign = await env.db.cli(['ledger', 'checkpoint']);
      assert.equal(sign.code, 0, sign.stderr + sign.stdout);
      const ok = await env.db.cli(['ledger', 'verify']);
      assert.equal(ok.code, 0, ok.stderr + ok.stdout);
      assert.match(ok.stdout, /台账完整/);
      const drop = backend === 'postgresql' ? 'DROP TRIGGER editions_frozen ON editions' : 'DROP TRIGGER editions_frozen';
      const tamper = await env.db.sql(`${drop}; UPDATE editions SET body_md = body_md || '（篡改）' WHERE document_id = ${docId} AND edition_no = 1;`);
      assert.equal(tamper.code, 0, tamper.stderr);
      const bad = await env.db.cli(['ledger', 'verify']);
      assert.equal(bad.code, 1, bad.stdout);
      assert.match(bad.stdout + bad.stderr, new RegExp(`文件 ${docId}，第 1 版`));
    });
  });
}
