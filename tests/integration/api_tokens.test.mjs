// Staff API tokens on SQLite and PostgreSQL: an editor creates a token in the console (shown once), a program uses it
// to create drafts as JSON and attach a file; the same services check it (unit scope, personal-data gate); without a
// token, with a bad or revoked one, the API answers 401; tokens never work on console pages; cookies alone cannot
// post JSON (CSRF stays in force for browsers).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, field, formFields, login } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

for (const backend of BACKENDS) {
  describe(`API tokens [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, editor, token, tokenId;
    const api = (path, { method = 'GET', body, headers = {}, auth = true } = {}) =>
      fetch(server.base + path, {
        method,
        body,
        headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...headers },
      }).then(async (r) => ({ status: r.status, headers: r.headers, json: await r.json().catch(() => null) }));

    before(async () => {
      env = await Env.create(backend, 'tokens');
      server = await env.start();
      editor = await login(server.base, 'editor', env.accounts.editor);
    });
    after(() => env?.close());

    test('an editor creates a token; it is shown once', async () => {
      const page = await editor.get('/console/tokens');
      assert.equal(page.status, 200);
      assert.match(page.text, /您还没有访问令牌/);
      const f = formFields(page.text, '/console/tokens');
      const bad = await editor.post('/console/tokens', [...f.filter(([k]) => k !== 'name'), ['name', ' ']]);
      assert.equal(bad.status, 422);
      const made = await editor.post('/console/tokens', [...f.filter(([k]) => k !== 'name'), ['name', '旧系统迁移']]);
      assert.equal(made.status, 200);
      assert.equal(made.headers.get('cache-control'), 'no-store');
      token = made.text.match(/<code class="mono token">(gkt_[A-Za-z0-9_-]+)<\/code>/)[1];
      assert.ok(token.length > 40);
      const again = await editor.get('/console/tokens');
      assert.doesNotMatch(again.text, new RegExp(token), 'never shown again');
      assert.match(again.text, /旧系统迁移/);
      tokenId = again.text.match(/action="\/console\/tokens\/(\d+)\/revoke"/)[1];
    });

    test('a program creates drafts as JSON with the token, within the editor\'s unit and rules', async () => {
      const created = await api('/api/v1/documents', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: '迁移的通知', body: '## 正文\n\n内容。', column: 'policy', topic: '11', doc_no: '临教发〔2019〕5号', written_on: '2019-05-01', submit: true }),
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      assert.equal(created.json.status, 'submitted');
      const id = created.json.id;
      const list = await api('/api/v1/staff/documents?status=submitted');
      assert.ok(list.json.items.some((d) => d.id === id && d.title === '迁移的通知'));

      const withPii = await api('/api/v1/documents', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: '名单', body: '身份证 11010519491231002X', submit: true }),
      });
      assert.equal(withPii.status, 201);
      assert.equal(withPii.json.status, 'draft');
      assert.equal(withPii.json.submit_error.code, 'personal_data_found');

      const invalid = await api('/api/v1/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: '', written_on: '2019-02-30' }) });
      assert.equal(invalid.status, 422);
      assert.equal(invalid.json.error.field, 'title');
      const notJson = await api('/api/v1/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":' });
      assert.equal(notJson.status, 422);
      assert.equal(notJson.json.error.code, 'invalid_json');
      const units = (await new Client(server.base).get('/api/v1/units')).json().items;
      const other = units.find((u) => u.name === '区民政局');
      const foreign = await api('/api/v1/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x', unit_id: other.id }) });
      assert.equal(foreign.status, 403, 'the token has the editor\'s unit scope');

      const form = new FormData();
      form.set('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')]), '附件.pdf');
      const draft = withPii.json.id;
      const att = await api(`/api/v1/documents/${draft}/attachments`, { method: 'POST', body: form });
      assert.equal(att.status, 201, JSON.stringify(att.json));
      assert.ok(att.json.attachment_id > 0);
    });

    test('no token, a wrong token, cookies posting JSON, a token on a console page: all refused', async () => {
      const none = await api('/api/v1/staff/documents', { auth: false });
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer');
      const wrong = await fetch(server.base + '/api/v1/staff/documents', { headers: { authorization: 'Bearer gkt_nope' } });
      assert.equal(wrong.status, 401);
      assert.equal((await wrong.json()).error.code, 'invalid_token');
      const basic = await fetch(server.base + '/api/v1/staff/documents', { headers: { authorization: 'Basic ZWRpdG9yOng=' } });
      assert.equal(basic.status, 401);
      // A browser session cannot post JSON to the API (no CSRF token, not a form).
      const viaCookie = await editor.request('/api/v1/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' });
      assert.ok([403, 415].includes(viaCookie.status), String(viaCookie.status));
      // A token is for /api/ only: on a console page it is not a login.
      const consolePage = await fetch(server.base + '/console/documents', { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
      assert.equal(consolePage.status, 303);
    });

    test('a revoked token stops working at once', async () => {
      const page = await editor.get('/console/tokens');
      const r = await editor.post(`/console/tokens/${tokenId}/revoke`, { _csrf: field(formFields(page.text, `/console/tokens/${tokenId}/revoke`), '_csrf') });
      assert.equal(r.status, 303);
      assert.match((await editor.get('/console/tokens')).text, /已撤销/);
      assert.equal((await api('/api/v1/staff/documents')).status, 401);
      const audit = await env.db.sql("SELECT action FROM audit_log WHERE action LIKE 'token.%' ORDER BY id");
      assert.match(audit.stdout, /token\.create[\s\S]*token\.revoke/);
    });
  });
}
