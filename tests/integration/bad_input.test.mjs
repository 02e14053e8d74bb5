// Bad input gets a clear 4xx, changes nothing and never a 500; the server keeps answering afterwards.
// The server runs with --body-limit-mb 1 and --request-timeout 2 so the limits are cheap to reach.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { assertSecurityHeaders, Client, csrfToken, formFields, login, rawRequest, setField } from './lib/http.mjs';
import { BACKENDS, Env, unavailable } from './lib/server.mjs';

const REQUEST_TIMEOUT = 2;

for (const backend of BACKENDS) {
  describe(`bad input [${backend}]`, { skip: unavailable(backend) }, () => {
    let env, server, sup, edu, eduBefore, editPath, form, token;

    const apiUnit = async (id) => {
      const r = await new Client(server.base).get(`/api/v1/units/${id}`);
      assert.equal(r.status, 200);
      return r.json();
    };
    const assertUnchanged = async () => {
      const now = await apiUnit(edu.id);
      assert.equal(now.version, eduBefore.version, 'unit version unchanged');
      assert.equal(now.name, eduBefore.name);
      assert.equal(now.phone, eduBefore.phone);
    };
    const raw = (text, opts) => rawRequest(server.port, text, opts);

    before(async () => {
      env = await Env.create(backend, 'badinput');
      server = await env.start({ args: ['--body-limit-mb', '1', '--request-timeout', String(REQUEST_TIMEOUT)] });
      sup = await login(server.base, 'supervisor', env.accounts.supervisor);
      const list = (await new Client(server.base).get('/api/v1/units')).json().items;
      edu = list.find((u) => u.name === '区教育局');
      eduBefore = await apiUnit(edu.id);
      editPath = `/console/units/${edu.id}`;
      const page = await sup.form(`${editPath}/edit`, editPath);
      form = setField(page.fields, 'phone', '0571-11112222');
      token = page.csrf;
    });
    after(() => env?.close());

    test('unknown routes: Chinese HTML 404, JSON 404 under /api/', async () => {
      const c = new Client(server.base);
      const page = await c.get('/no/such/page');
      assert.equal(page.status, 404);
      assert.match(page.header('content-type'), /^text\/html/);
      assert.match(page.text, /<html lang="zh-CN"/);
      assert.match(page.text, /页面不存在/);
      assertSecurityHeaders(page, '404 page');

      const api = await c.get('/api/v1/no-such-thing');
      assert.equal(api.status, 404);
      assert.match(api.header('content-type'), /^application\/json/);
      const body = api.json();
      assert.equal(body.error.code, 'not_found');
      assert.equal(typeof body.error.message, 'string');
      assert.ok(body.error.message.length > 0);
      assertSecurityHeaders(api, 'API 404');
    });

    test('wrong method: 405 with Allow', async () => {
      const c = new Client(server.base);
      const r = await c.get('/logout');
      assert.equal(r.status, 405);
      assert.match(r.header('allow'), /POST/);
      assert.match(r.text, /不支持该请求方法/);

      // A state-changing method passes the CSRF check only with a token; then the router answers 405.
      const loginPage = await c.get('/login');
      const anonToken = csrfToken(loginPage.text);
      const put = await c.request('/units', { method: 'PUT', headers: { 'x-csrf-token': anonToken } });
      assert.equal(put.status, 405);
      assert.equal(put.header('allow'), 'GET');
      const apiPost = await c.request('/api/v1/units', { method: 'POST', headers: { 'x-csrf-token': anonToken } });
      assert.equal(apiPost.status, 405);
      assert.equal(apiPost.json().error.code, 'method_not_allowed');
    });

    test('path traversal under /static/ never serves files', async () => {
      const paths = [
        '/static/../../../../etc/passwd',
        '/static/css/../../src/main.cpp',
        '/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
        '/static/%2E%2E/migrations/0001_foundation.sql',
        '/static/..%2f..%2f..%2fetc%2fpasswd',
        '/static/css%2f..%2f..%2fCMakeLists.txt',
        '/static/css%2fsite.css',
        '/static/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
        '/static/./css/site.css',
        '/static/css/site.css%00.txt',
      ];
      for (const p of paths) {
        const r = await raw(`GET ${p} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
        assert.ok(r.status === 400 || r.status === 404, `${p} → ${r.status}`);
        assert.ok(!/root:x:0:0|#include|CREATE TABLE|cmake_minimum_required/i.test(r.body), `${p} leaked a file`);
        assert.ok(!r.body.includes('{') || r.body.includes('<html'), `${p}: body is an error page`);
        assertSecurityHeaders({ headers: r.headers }, p);
      }
    });

    test('malformed HTTP over a raw socket: 400', async () => {
      const cases = [
        'GARBAGE\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: localhost\r\nThis line has no colon\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: twelve\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde',
        'GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        'GET /\x01\x02 HTTP/1.1\r\nHost: localhost\r\n\r\n',
      ];
      for (const c of cases) {
        const r = await raw(c);
        assert.equal(r.status, 400, `${JSON.stringify(c)} → ${r.status} ${r.raw.slice(0, 200)}`);
        assert.ok(r.closed, 'connection closed after a malformed request');
        assert.match(r.body, /请求格式无效|请求的地址无效/);
        assertSecurityHeaders({ headers: r.headers }, `400 for ${JSON.stringify(c)}`);
      }
    });

    test('oversized header: 431', async () => {
      const r = await raw(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`);
      assert.equal(r.status, 431);
      assert.match(r.body, /请求头过大/);
      assertSecurityHeaders({ headers: r.headers }, '431');
      const manyCookies = await raw(`GET / HTTP/1.1\r\nHost: localhost\r\n${'Cookie: a=b\r\n'.repeat(2000)}\r\n`);
      assert.equal(manyCookies.status, 431);
    });

    test('oversized body (over --body-limit-mb 1): 413; just under the limit is accepted', async () => {
      const big = 1024 * 1024 + 1;
      const r = await raw(
        [`POST ${editPath} HTTP/1.1\r\nHost: localhost\r\nCookie: ${sup.cookieHeader()}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${big}\r\n\r\n`, 'a'.repeat(4096)],
      );
      assert.equal(r.status, 413);
      assert.match(r.body, /超过了大小限制/);
      assertSecurityHeaders({ headers: r.headers }, '413');

      const api = await raw(`POST /api/v1/units HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${5 * big}\r\n\r\n`);
      assert.equal(api.status, 413);
      assert.match(api.headers['content-type'], /^application\/json/);
      assert.equal(JSON.parse(api.body).error.code, 'payload_too_large');

      // 900 KB with a valid token: through the limits, to the handler (which wants a login: 303 to /login).
      const anon = new Client(server.base);
      const anonToken = csrfToken((await anon.get('/login')).text);
      const ok = await anon.post(editPath, { _csrf: anonToken, padding: 'x'.repeat(900 * 1024) });
      assert.equal(ok.status, 303);
      assert.match(ok.location, /^\/login\?next=/);
      await assertUnchanged();
    });

    test('invalid UTF-8 in a urlencoded form: 400, nothing saved', async () => {
      const body = `_csrf=${encodeURIComponent(token)}&version=${eduBefore.version}&name=%C3%28bad&phone=0571-1`;
      for (const headers of [{}, { 'x-csrf-token': token }]) {
        const r = await sup.request(editPath, {
          method: 'POST', body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(r.status, 400);
        assert.match(r.text, /编码无效/);
      }
      const ctl = await sup.request(editPath, {
        method: 'POST', body: `_csrf=${encodeURIComponent(token)}&name=a%01b`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(ctl.status, 400, 'control characters are refused too');
      const pct = await sup.request(editPath, {
        method: 'POST', body: `_csrf=${encodeURIComponent(token)}&name=%G1`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(pct.status, 400, 'broken percent-encoding');
      await assertUnchanged();
    });

    test('POST without, or with a wrong, CSRF token: 403, nothing changed', async () => {
      const without = form.filter(([k]) => k !== '_csrf');
      const r1 = await sup.post(editPath, without);
      assert.equal(r1.status, 403);
      assert.match(r1.text, /表单校验失败/);

      const r2 = await sup.post(editPath, setField(form, '_csrf', 'f'.repeat(token.length)));
      assert.equal(r2.status, 403);

      // The anonymous token (bound to the gk_csrf cookie) is not the session's token.
      const anon = new Client(server.base);
      const anonToken = csrfToken((await anon.get('/login')).text);
      const r3 = await sup.post(editPath, setField(form, '_csrf', anonToken));
      assert.equal(r3.status, 403);

      // Right token, wrong origin.
      const r4 = await sup.post(editPath, form, { headers: { origin: 'http://evil.example' } });
      assert.equal(r4.status, 403);
      assert.match(r4.text, /来源/);

      // Logging in without the anonymous CSRF cookie is refused too.
      const r5 = await new Client(server.base).post('/login', { username: 'supervisor', password: env.accounts.supervisor });
      assert.equal(r5.status, 403);
      assert.equal(r5.header('set-cookie')?.includes('gk_session=') ?? false, false);

      await assertUnchanged();
    });

    test('broken multipart and unsupported body types: 4xx, nothing changed', async () => {
      const boundary = '----gk' + randomBytes(6).toString('hex');
      const bodies = [
        `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n教育局改名`,  // no closing delimiter
        `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\nno blank line--${boundary}--`,
        `--${boundary}\r\nNoColonHeader\r\n\r\nx\r\n--${boundary}--\r\n`,
        `garbage without any delimiter`,
        `--${boundary}\r\nContent-Disposition: form-data; name="name\r\n\r\nx\r\n--${boundary}--\r\n`,
      ];
      for (const body of bodies) {
        for (const headers of [{}, { 'x-csrf-token': token }]) {
          const r = await sup.request(editPath, {
            method: 'POST', body, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
          });
          assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.status}`);
          assert.match(r.text, /表单格式无效|编码无效/);
        }
      }
      for (const ct of ['multipart/form-data', 'text/plain', 'application/json', 'application/xml']) {
        const r = await sup.request(editPath, {
          method: 'POST', body: '{"name":"x"}', headers: { 'x-csrf-token': token, 'content-type': ct },
        });
        assert.equal(r.status, 415, `${ct} → ${r.status}`);
        assert.match(r.text, /不支持的提交格式/);
      }
      await assertUnchanged();
    });

    test('slow clients are dropped after --request-timeout', async () => {
      // Half a request line, then silence.
      const silent = await raw('GET /healthz HTTP/1.1\r\nHost: loc', { timeoutMs: 15_000 });
      assert.ok(silent.closed, 'server closed the connection');
      assert.equal(silent.status, 0, 'no response to an unfinished request');
      assert.ok(silent.ms >= REQUEST_TIMEOUT * 1000 - 300 && silent.ms < REQUEST_TIMEOUT * 1000 + 6000, `closed after ${silent.ms} ms`);

      // A byte every 200 ms: still dropped once the whole request took longer than the timeout.
      const request = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: ' + 'p'.repeat(30) + '\r\n\r\n';
      const trickle = await raw([...request], { delayMs: 200, timeoutMs: 20_000 });
      assert.ok(trickle.closed);
      assert.notEqual(trickle.status, 200);
      assert.ok(trickle.ms < request.length * 200, `dropped before the request was complete (${trickle.ms} ms)`);
    });

    test('unknown or expired session cookies are treated as anonymous', async () => {
      const unknown = new Client(server.base);
      unknown.cookies.set('gk_session', randomBytes(32).toString('base64url'));
      const r1 = await unknown.get('/console');
      assert.equal(r1.status, 303);
      assert.equal(r1.location, '/login?next=%2Fconsole');
      assert.equal(unknown.cookies.has('gk_session'), false, 'the stale cookie is removed');

      // A real session whose expiry has passed (set directly in the database).
      const reviewer = await login(server.base, 'reviewer', env.accounts.reviewer);
      assert.equal((await reviewer.get('/console')).status, 200);
      const sid = createHash('sha256').update(reviewer.cookies.get('gk_session')).digest('hex');
      const upd = await env.db.sql(`UPDATE sessions SET expires_at = '2001-01-01T00:00:00Z' WHERE id = '${sid}'`);
      assert.equal(upd.code, 0, upd.stderr);
      const stale = reviewer.cookieHeader();
      const r2 = await reviewer.get('/console/units');
      assert.equal(r2.status, 303);
      assert.match(r2.location, /^\/login\?next=/);
      // Public pages still work for the holder of the stale cookie, as for anyone.
      const r3 = await new Client(server.base).get('/', { headers: { cookie: stale } });
      assert.equal(r3.status, 200);
      assert.ok(!r3.text.includes('李审核'), 'not shown as signed in');
      // And the stale session cannot change anything.
      const r4 = await new Client(server.base).post(editPath, form, { headers: { cookie: stale } });
      assert.equal(r4.status, 403);
      await assertUnchanged();
    });

    test('afterwards the server still answers', async () => {
      const r = await new Client(server.base).get('/healthz');
      assert.equal(r.status, 200);
      assert.equal(r.json().status, 'ok');
      assert.equal(server.exit, undefined, 'server process still running');
      const metrics = await new Client(server.base).get('/metrics');
      assert.ok(!/status="5\d\d"/.test(metrics.text), `no 5xx was answered:\n${metrics.text.match(/.*status="5.*/g)}`);
      // The valid form is still accepted: the bad requests did not poison the session.
      const ok = await sup.post(editPath, form);
      assert.equal(ok.status, 303);
      assert.equal((await apiUnit(edu.id)).phone, '0571-11112222');
    });
  });
}
